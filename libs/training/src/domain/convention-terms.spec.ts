import { conventionKindOf, scheduleOf, textList } from './convention-terms';
import { formatHours } from './french-format';

describe('a booking’s convention terms', () => {
  const self = {
    legalForm: 'other',
    seats: 1,
    bookedByEmail: 'Camille@Exemple.fr',
    trainees: [{ email: 'camille@exemple.fr ' }],
  };

  it('is a contrat only for a person paying for their own training', () => {
    expect(conventionKindOf(self)).toBe('contrat');
    expect(conventionKindOf({ ...self, legalForm: 'association' })).toBe('convention');
    expect(
      conventionKindOf({ ...self, seats: 2, trainees: [...self.trainees, { email: 'x@y.fr' }] }),
    ).toBe('convention');
    expect(conventionKindOf({ ...self, trainees: [{ email: 'collegue@exemple.fr' }] })).toBe(
      'convention',
    );
    expect(conventionKindOf({ ...self, trainees: [{ email: null }] })).toBe('convention');
  });

  it('states the days, hours and duration in Paris time', () => {
    const schedule = scheduleOf(new Date('2027-07-05T07:00:00Z'), new Date('2027-07-05T10:30:00Z'));
    expect(schedule).toEqual({
      lines: ['lundi 5 juillet 2027 : 9 h 00 – 12 h 30'],
      minutes: 210,
      startsOn: '2027-07-05',
      endsOn: '2027-07-05',
    });
    expect(formatHours(630)).toBe('10,5 h');
    expect(formatHours(840)).toBe('14 h');
  });

  it('reads the offering’s pedagogical fields whatever their shape', () => {
    expect(textList('- Connaître\n- Animer\n')).toEqual(['Connaître', 'Animer']);
    expect(textList([{ title: 'Module 1', durationMinutes: 210 }, 'Module 2'])).toEqual([
      'Module 1 (3,5 h)',
      'Module 2',
    ]);
    expect(textList(null)).toEqual([]);
  });
});
