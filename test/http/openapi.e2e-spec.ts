import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../support/test-app';

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** The routes Express actually serves, as `METHOD /path/{param}`. */
function servedRoutes(app: NestExpressApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return (
    express.router.stack
      .filter((layer) => layer.route && layer.route.path.startsWith('/api/'))
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map(
          (method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      // Swagger's own pages and Nest's catch-all for unknown routes are not part of the contract.
      .filter((route) => !/\/api\/docs|openapi\.(json|yaml)|\{\*path\}/.test(route))
  );
}

describe('OpenAPI', () => {
  let app: NestExpressApplication;
  let document: {
    paths: Record<string, Record<string, { summary?: string; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, unknown> };
  };

  beforeAll(async () => {
    app = await createTestApp();
    document = (await request(app.getHttpServer()).get('/api/openapi.json').expect(200)).body;
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists every route the api serves, with a summary and its responses', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = servedRoutes(app);
    expect(served.length).toBeGreaterThan(15);
    expect(documented.sort()).toEqual(expect.arrayContaining(served.sort()));
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect({ route: `${method} ${path}`, summary: operation.summary }).toEqual({
          route: `${method} ${path}`,
          summary: expect.any(String),
        });
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      }
    }
  });

  it('describes the contract routes of API.md that exist so far, with their DTOs', () => {
    for (const route of [
      'post /api/auth/register',
      'post /api/auth/login',
      'post /api/auth/refresh',
      'post /api/auth/logout',
      'post /api/auth/password-reset',
      'post /api/auth/password-reset/confirm',
      'post /api/auth/verify-email',
      'put /api/me/password',
      'get /api/me/sessions',
      'delete /api/me/sessions/{id}',
      'get /api/me',
      'post /api/organisations',
      'get /api/organisations/{id}',
      'patch /api/organisations/{id}',
      'post /api/organisations/{id}/invitations',
      'put /api/organisations/{id}/memberships/{year}',
      'get /api/health',
      'get /api/health/ready',
      'get /api/categories',
      'get /api/offerings',
      'get /api/offerings/{id}',
      'post /api/offerings',
      'patch /api/offerings/{id}',
      'post /api/offerings/{id}/submit',
      'post /api/offerings/{id}/publish',
      'post /api/offerings/{id}/reject',
      'post /api/offerings/{id}/archive',
      'post /api/offerings/{id}/sessions',
      'get /api/offerings/{id}/sessions',
      'post /api/sessions/{id}/cancel',
      'post /api/offerings/{id}/slots',
      'get /api/offerings/{id}/slots',
      'post /api/bookings',
      'get /api/bookings',
      'get /api/bookings/{id}',
      'post /api/bookings/{id}/cancel',
      'post /api/bookings/{id}/accept-offer',
      'post /api/bookings/{id}/confirm',
      'get /api/sessions/{id}/attendees',
      'post /api/sessions/{id}/attendance',
      'get /api/invoices',
      'get /api/invoices/{id}',
      'get /api/invoices/{id}/pdf',
      'post /api/invoices/{id}/credit-notes',
      'post /api/bookings/{id}/checkout',
      'post /api/webhooks/stripe',
    ]) {
      const [method, path] = route.split(' ');
      expect({ route, documented: Boolean(document.paths[path]?.[method]) }).toEqual({
        route,
        documented: true,
      });
    }
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'RegisterDto',
        'TokensDto',
        'OrganisationDto',
        'CreateOrganisationDto',
        'ProfileDto',
      ]),
    );
  });

  it('serves the interactive documentation', async () => {
    const page = await request(app.getHttpServer()).get('/api/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger');
  });
});
