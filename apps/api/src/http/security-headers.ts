import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { QUEUE_DASHBOARD_PATH } from '../admin/queue-dashboard';

/** Swagger UI's pages, the only ones that need inline scripts and styles. */
export const API_DOCS_PATH = '/api/docs';

const strictDirectives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
};

function under(path: string, prefix: string): boolean {
  const lower = path.toLowerCase();
  return lower === prefix || lower.startsWith(`${prefix}/`);
}

/**
 * Helmet's headers with a strict Content-Security-Policy: no inline script anywhere (the web app
 * and the api run none, so an injected one cannot run either), relaxed only on /api/docs.
 */
export function securityHeaders(): (
  request: Request,
  response: Response,
  next: NextFunction,
) => void {
  const strict = helmet({ contentSecurityPolicy: { directives: strictDirectives } });
  const docs = helmet({
    contentSecurityPolicy: {
      directives: {
        ...strictDirectives,
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  // bull-board's page injects <style> elements at run time; it runs no inline script.
  const dashboard = helmet({
    contentSecurityPolicy: {
      directives: { ...strictDirectives, styleSrc: ["'self'", "'unsafe-inline'"] },
    },
  });
  return (request, response, next) => {
    if (under(request.path, API_DOCS_PATH)) return docs(request, response, next);
    if (under(request.path, QUEUE_DASHBOARD_PATH)) return dashboard(request, response, next);
    return strict(request, response, next);
  };
}
