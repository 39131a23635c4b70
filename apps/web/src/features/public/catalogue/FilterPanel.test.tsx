import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { filtersFromParams } from './catalogue-filters';
import { FilterPanel } from './FilterPanel';

function renderPanel(query: string) {
  const onApply = vi.fn();
  render(
    <MemoryRouter>
      <FilterPanel filters={filtersFromParams(new URLSearchParams(query))} onApply={onApply} />
    </MemoryRouter>,
  );
  return onApply;
}

describe('the catalogue search form', () => {
  it('applies the typed filters, keeping the category chosen from the facets', async () => {
    const onApply = renderPanel('category=juridique');
    await userEvent.type(screen.getByLabelText('Mots-clés'), 'statuts');
    await userEvent.selectOptions(screen.getByLabelText('Département'), '06');
    await userEvent.type(screen.getByLabelText('Prix maximum'), '150');
    await userEvent.click(screen.getByRole('button', { name: 'Rechercher' }));
    expect(onApply).toHaveBeenCalledWith(
      expect.objectContaining({
        q: 'statuts',
        category: 'juridique',
        department: '06',
        maxPriceCents: 15000,
      }),
    );
  });

  it('shows a price that is not an amount next to its field, and searches nothing', async () => {
    const onApply = renderPanel('maxPriceCents=9000');
    const price = screen.getByLabelText('Prix maximum');
    expect(price).toHaveValue('90');
    await userEvent.clear(price);
    await userEvent.type(price, 'pas cher');
    await userEvent.click(screen.getByRole('button', { name: 'Rechercher' }));
    expect(price).toHaveAttribute('aria-invalid', 'true');
    expect(price).toHaveAccessibleDescription(/Saisissez un nombre/);
    expect(onApply).not.toHaveBeenCalled();
  });

  it('opens the filters beyond the keywords when one is in use', () => {
    renderPanel('available=true');
    expect(screen.getByRole('group')).toHaveAttribute('open');
  });
});
