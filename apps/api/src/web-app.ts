import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response, static as serveStatic } from 'express';

/** Where `npm run build` puts the web app: dist/web, beside dist/apps/api. */
function webAppDirectory(configured: string | undefined): string | null {
  const candidates = [
    configured,
    resolve(__dirname, '../../../../../web'),
    resolve(process.cwd(), 'dist/web'),
  ].filter((candidate): candidate is string => Boolean(candidate));
  return candidates.find((candidate) => existsSync(join(candidate, 'index.html'))) ?? null;
}

/**
 * Serves the built web app on every path outside /api: its hashed assets cached for a year, and
 * index.html for any page the browser asks for, since the app routes in the browser (a link in an
 * e-mail to /invoices/:id must open). Without a build (tests of the api alone) nothing is served.
 */
export function serveWebApp(app: NestExpressApplication, configured?: string): boolean {
  const directory = webAppDirectory(configured);
  if (!directory) return false;
  const indexHtml = join(directory, 'index.html');
  const assetsDirectory = join(directory, 'assets');
  const files = serveStatic(directory, {
    index: false,
    // Vite names assets by their content hash: they never change, so browsers keep them.
    setHeaders: (response, path) =>
      response.setHeader(
        'Cache-Control',
        path.startsWith(assetsDirectory)
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=3600',
      ),
  });
  // The api's own requests never look on disk: that cost 7 % of a catalogue search's CPU.
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.path.startsWith('/api/')) next();
    else void files(request, response, next);
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.path.startsWith('/api/') &&
      request.path !== '/api' &&
      !request.path.startsWith('/assets/') &&
      request.accepts('html') === 'html';
    if (!isPage) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml);
  });
  return true;
}
