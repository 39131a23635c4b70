import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { download } from '../../../api/client';
import { ApiProblem } from '../../../api/problem';
import { AttendanceSheetDownload } from './AttendanceSheetDownload';

vi.mock('../../../api/client', () => ({ download: vi.fn() }));

describe('AttendanceSheetDownload', () => {
  afterEach(() => vi.mocked(download).mockReset());

  it('downloads the session’s attendance sheet from its route', async () => {
    vi.mocked(download).mockResolvedValue(undefined);
    render(<AttendanceSheetDownload sessionId="session-1" />);
    expect(
      screen.getByRole('heading', { name: 'Feuille d’émargement et certificats' }),
    ).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'Télécharger la feuille d’émargement (PDF)' }),
    );
    await waitFor(() =>
      expect(download).toHaveBeenCalledWith(
        '/api/sessions/session-1/attendance-sheet',
        'feuille-emargement.pdf',
      ),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says why when the api refuses', async () => {
    vi.mocked(download).mockRejectedValue(
      new ApiProblem({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        code: 'training_session_not_found',
        detail: 'session not found',
      }),
    );
    render(<AttendanceSheetDownload sessionId="session-2" />);
    fireEvent.click(
      screen.getByRole('button', { name: 'Télécharger la feuille d’émargement (PDF)' }),
    );
    expect(await screen.findByRole('alert')).toBeInTheDocument();
  });
});
