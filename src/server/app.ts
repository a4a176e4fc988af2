/**
 * Builds the Fastify instance: security plugins, session and CSRF hooks, the API modules under
 * /api/v1, OpenAPI at /api/docs, and the built web app with a SPA fallback.
 */
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/database';
import { registerCsrf } from './http/csrf';
import { Jobs } from './jobs/handle';
import jobRoutes from './jobs/routes';
import calendarRoutes from './modules/calendar/routes';
import expertImportRoutes from './modules/experts/import-routes';
import expertRoutes from './modules/experts/routes';
import projectExportRoutes from './modules/projects/export-routes';
import { applicationRoutes, callRoutes, programmeRoutes, projectPortalRoutes, reserveRoutes } from './modules/projects/routes';
import reviewRoutes from './modules/reviews/routes';
import { achievementRoutes, demandRoutes } from './modules/market/routes';
import techContractRoutes from './modules/market/tech-contract-routes';
import matchingRoutes from './modules/market/matching-routes';
import marketPortalRoutes from './modules/market/portal';
import { answerRoutes } from './modules/market/answers-routes';
import { dockingRoutes } from './modules/market/docking-routes';
import evaluationRoutes from './modules/market/evaluation-routes';
import { goodBatchRoutes, portalGoodAchievementRoutes } from './modules/market/good-batches-routes';
import achievementImportRoutes from './modules/market/achievement-import-routes';
import inboxRoutes from './modules/inbox/routes';
import notificationRoutes from './modules/notifications/routes';
import { newRequestId, notFound, registerErrorHandler } from './http/error-handler';
import auditRoutes from './modules/audit/routes';
import authRoutes from './modules/auth/routes';
import enterpriseRoutes, { eligibilityRoutes } from './modules/enterprises/routes';
import dictionaryRoutes from './modules/dictionaries/routes';
import { registerSessionHook } from './modules/auth/session-hook';
import healthRoutes from './modules/health/routes';
import indicatorRoutes from './modules/indicators/routes';
import organizationRoutes from './modules/organizations/routes';
import policyRoutes, { enterprisePolicyRoutes, portalRoutes } from './modules/policies/routes';
import regionRoutes from './modules/regions/routes';
import platformRoutes from './modules/platforms/platform-routes';
import platformApplicationRoutes from './modules/platforms/application-routes';
import userRoutes from './modules/users/routes';
import talentRoutes from './modules/talent/routes';
import talentTeamRoutes from './modules/talent/teams-routes';
import commissionerRoutes from './modules/commissioners/routes';
import talentBaseRoutes from './modules/talent/bases-routes';
import platformEvaluationRoutes from './modules/platforms/evaluation-routes';
import platformDashboardRoutes from './modules/platforms/dashboard-routes';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    config: Config;
  }
}

/** Helmet's headers that only a document (index.html) uses; scripts and styles keep nosniff and CORP. */
const DOCUMENT_ONLY_HEADERS = ['content-security-policy', 'cross-origin-opener-policy', 'origin-agent-cluster', 'referrer-policy',
  'x-dns-prefetch-control', 'x-download-options', 'x-frame-options', 'x-permitted-cross-domain-policies', 'x-xss-protection'];

export async function buildApp(config: Config, db: Database, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-xsrf-token"]'] } : false,
    // one line per request (below) instead of fastify's two
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => newRequestId(),
  });
  app.decorate('db', db);
  if (options.logger) {
    app.addHook('onResponse', async (req, reply) => {
      req.log.info({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    });
  }
  app.decorate('config', config);
  // the job queue, when main.ts starts one (KECHUANG_JOBS)
  app.decorate('jobs', new Jobs());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app, { logToStderr: !options.logger });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  registerSessionHook(app, db, { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours }, config.secureCookies);
  registerCsrf(app, { secure: config.secureCookies });

  await app.register(swagger, {
    openapi: {
      info: { title: 'kechuang API', description: `科创 · 区域科技创新管理与服务平台 — state-changing requests echo the XSRF-TOKEN cookie in X-XSRF-TOKEN`, version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kc_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(async (api) => {
    // API answers are compressed when the browser accepts it (the dashboard's 60 KB of JSON is 5 KB
    // gzipped): brotli at a low quality, cheap enough per request; files (xlsx, docx, images) are
    // compressed already and pass as they are. The web app's assets are precompressed at build.
    await api.register(compress, {
      threshold: 1024,
      encodings: ['br', 'gzip'],
      brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
      zlibOptions: { level: 6 },
    });
    await api.register(healthRoutes);
    await api.register(authRoutes, { prefix: '/auth' });
    await api.register(regionRoutes, { prefix: '/regions' });
    await api.register(userRoutes, { prefix: '/users' });
    await api.register(organizationRoutes, { prefix: '/organizations' });
    await api.register(auditRoutes, { prefix: '/audit' });
    await api.register(enterpriseRoutes, { prefix: '/enterprises' });
    await api.register(eligibilityRoutes, { prefix: '/eligibility' });
    await api.register(dictionaryRoutes, { prefix: '/dictionaries' });
    await api.register(policyRoutes, { prefix: '/policies' });
    await api.register(enterprisePolicyRoutes, { prefix: '/enterprises' });
    await api.register(portalRoutes, { prefix: '/portal' });
    await api.register(indicatorRoutes, { prefix: '/indicators' });
    await api.register(jobRoutes, { prefix: '/jobs' });
    await api.register(inboxRoutes, { prefix: '/inbox' });
    await api.register(notificationRoutes, { prefix: '/notifications' });
    await api.register(calendarRoutes, { prefix: '/calendar' });
    await api.register(expertRoutes, { prefix: '/experts' });
    await api.register(expertImportRoutes, { prefix: '/experts' });
    await api.register(programmeRoutes, { prefix: '/programmes' });
    await api.register(callRoutes, { prefix: '/calls' });
    await api.register(applicationRoutes, { prefix: '/applications' });
    await api.register(reserveRoutes, { prefix: '/reserve' });
    await api.register(projectPortalRoutes, { prefix: '/portal' });
    await api.register(reviewRoutes);
    await api.register(projectExportRoutes);
    await api.register(achievementRoutes, { prefix: '/achievements' });
    await api.register(demandRoutes, { prefix: '/demands' });
    await api.register(techContractRoutes, { prefix: '/tech-contracts' });
    await api.register(matchingRoutes);
    await api.register(marketPortalRoutes, { prefix: '/portal' });
    await api.register(platformRoutes, { prefix: '/platforms' });
    await api.register(platformApplicationRoutes);
    await api.register(answerRoutes);
    await api.register(dockingRoutes, { prefix: '/docking-events' });
    await api.register(evaluationRoutes);
    await api.register(goodBatchRoutes, { prefix: '/good-batches' });
    await api.register(portalGoodAchievementRoutes, { prefix: '/portal/good-achievements' });
    await api.register(achievementImportRoutes, { prefix: '/achievements' });
    await api.register(talentRoutes, { prefix: '/talent' });
    await api.register(talentTeamRoutes, { prefix: '/talent-teams' });
    await api.register(commissionerRoutes);
    await api.register(talentBaseRoutes, { prefix: '/talent-bases' });
    await api.register(platformEvaluationRoutes);
    await api.register(platformDashboardRoutes);
  }, { prefix: '/api/v1' });

  // The built web app; any other GET outside /api answers index.html (client-side routes).
  // Files under /assets/ have content hashes in their names: cached for a year, never revalidated;
  // everything else (index.html) is revalidated on every load. The build writes .br / .gz next to
  // each asset (scripts/precompress.mjs), sent to browsers that accept them.
  const hasWeb = fs.existsSync(path.join(config.webDir, 'index.html'));
  const assetsDir = path.join(config.webDir, 'assets') + path.sep;
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDir,
      wildcard: true,
      preCompressed: true,
      cacheControl: false,
      setHeaders(res, file) {
        if (file.startsWith(assetsDir)) {
          res.setHeader('cache-control', 'public, max-age=31536000, immutable');
          res.setHeader('vary', 'accept-encoding');
          // headers that act on documents only: ~600 bytes on each of a page's 20-odd scripts
          for (const name of DOCUMENT_ONLY_HEADERS) (res as unknown as ServerResponse).removeHeader(name);
        } else {
          res.setHeader('cache-control', 'no-cache');
        }
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return notFound(req, reply);
  });
  return app;
}
