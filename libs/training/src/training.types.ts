export const TRAINING_DOCUMENT_KINDS = [
  'programme',
  'convention',
  'convocation',
  'attendance_sheet',
  'attestation',
  'certificate',
] as const;
export type TrainingDocumentKind = (typeof TRAINING_DOCUMENT_KINDS)[number];

export type HalfDayPeriod = 'morning' | 'afternoon';
export type AttendanceStatus = 'present' | 'absent';
export type SignatureKind = 'drawn' | 'typed';
