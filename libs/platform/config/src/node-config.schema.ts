import { NODE_LEVELS, nodeCodeProblem } from '@govdata/codes';
import { CRYPTO_PROFILE_NAMES } from '@govdata/platform-crypto';
import { parseAllowEntry } from '@govdata/platform-outbound';
import { isAbsolute } from 'node:path';
import { z } from 'zod';

/** The services every node runs. The order is the start order. */
export const SERVICE_NAMES = [
  'gateway',
  'catalog',
  'demand',
  'exchange',
  'governance',
  'open-data',
  'analytics',
  'federation',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const port = z.number().int().min(1).max(65535).describe('a TCP port number between 1 and 65535');
const url = (protocols: string[]) => {
  const expected = `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`;
  return z
    .string()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: expected },
    )
    .describe(expected);
};

const servicePorts = z
  .object({
    http: port,
    grpc: port,
    /** Host other services use to reach this one; defaults to `serviceHost` (all-in-one or one pod). */
    host: z.string().min(1).optional().describe('a host name or address'),
  })
  .strict();

export const nodeConfigSchema = z
  .object({
    node: z
      .object({
        code: z.string().describe('the node code'),
        name: z.string().min(1).describe('the node name (e.g. 江西省政务数据共享平台)'),
        level: z.enum(NODE_LEVELS).describe(`one of ${NODE_LEVELS.join(', ')}`),
        parent: z
          .object({
            code: z.string().min(6).describe("the parent node's code"),
            gateway: url(['http:', 'https:']).describe("the parent gateway's URL"),
            federation: z.string().min(3).describe("the parent federation service's host:port"),
          })
          .strict()
          .nullable()
          .default(null),
        /** Folder for the node's keys and local state. */
        dataDir: z.string().min(1).describe('a folder path for node keys and state'),
      })
      .strict()
      .superRefine((node, ctx) => {
        const problem = nodeCodeProblem(node.code, node.level);
        if (problem) ctx.addIssue({ code: 'custom', path: ['code'], message: problem });
        if (node.level !== 'national' && node.parent === null) {
          ctx.addIssue({ code: 'custom', path: ['parent'], message: `a ${node.level} node names its parent` });
        }
        if (node.level === 'national' && node.parent !== null) {
          ctx.addIssue({ code: 'custom', path: ['parent'], message: 'the national node has no parent (null)' });
        }
      }),
    postgres: z
      .object({
        /** Administrative connection used by `govdata migrate` to create the database, schemas and roles. */
        adminUrl: url(['postgres:', 'postgresql:']),
        /** The node's database (one per node). */
        database: z
          .string()
          .regex(/^[a-z_][a-z0-9_]{0,62}$/)
          .describe('a lower-case PostgreSQL identifier'),
        host: z.string().min(1).default('127.0.0.1'),
        port: port.default(5432),
        /** Password given to each service's own role. Empty means trust/peer authentication. */
        servicePassword: z.string().default('').meta({ sensitive: true }),
        poolSize: z.number().int().min(1).max(100).default(5).describe('an integer between 1 and 100'),
      })
      .strict(),
    redis: z
      .object({
        url: url(['redis:', 'rediss:']),
        keyPrefix: z.string().min(1).describe('a non-empty key prefix, e.g. "n360000:"'),
      })
      .strict(),
    kafka: z
      .object({
        brokers: z
          .array(z.string().regex(/^[^:\s]+:\d+$/))
          .min(1)
          .describe('a list of host:port broker addresses'),
        topicPrefix: z
          .string()
          .regex(/^[a-zA-Z0-9._-]*$/)
          .describe('letters, digits, ".", "_" or "-"'),
        clientId: z.string().min(1).default('govdata'),
        /**
         * How long a consumer's fetch waits on the broker for new messages. Messages are delivered as
         * soon as they arrive either way; the wait bounds how long a stopping service waits for its
         * consumers (kafkajs's own default is 5 s).
         */
        consumerMaxWaitMs: z.number().int().min(100).max(30_000).default(1_000),
      })
      .strict(),
    identity: z
      .object({
        /** `iss` of tokens this node issues: the gateway's public URL. */
        issuer: url(['http:', 'https:']),
        accessTokenTtlSeconds: z
          .number()
          .int()
          .min(60)
          .max(86_400)
          .default(900)
          .describe('seconds between 60 and 86400'),
        /** Extra issuers trusted by this node's services (e.g. an external OIDC provider). */
        trustedIssuers: z
          .array(z.object({ issuer: url(['http:', 'https:']), jwksUri: url(['http:', 'https:']) }).strict())
          .default([]),
        /**
         * Failed sign-ins of one account from one client address before each further attempt from that
         * address must wait (1 s, doubling); the address as a whole gets 10× as many. Never locks the
         * account for other addresses.
         */
        loginMaxFailures: z.number().int().min(1).max(100).default(5).describe('an integer between 1 and 100'),
        /** The longest sign-in delay, and how long failures are remembered after the last one. */
        loginLockSeconds: z.number().int().min(1).max(86_400).default(300).describe('seconds between 1 and 86400'),
        /**
         * Reverse proxies (addresses or CIDR ranges) in front of the gateway whose X-Forwarded-For is
         * believed for the client address (sign-in throttling). Empty: the socket's peer address.
         */
        trustedProxies: z
          .array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]))
          .default([])
          .describe('a list of IP addresses or CIDR ranges'),
        /**
         * 门户会话 — a signed-in browser's session at the gateway ends after this many seconds without
         * a request (the time slides with each one).
         */
        sessionIdleSeconds: z.number().int().min(1).max(86_400).default(1800).describe('seconds between 1 and 86400'),
        /** …and this many seconds after signing in, however busy: then the person signs in again. */
        sessionMaxSeconds: z
          .number()
          .int()
          .min(60)
          .max(604_800)
          .default(28_800)
          .describe('seconds between 60 and 604800'),
      })
      .strict()
      .superRefine((identity, ctx) => {
        if (identity.sessionIdleSeconds > identity.sessionMaxSeconds) {
          ctx.addIssue({
            code: 'custom',
            path: ['sessionIdleSeconds'],
            message: `at most identity.sessionMaxSeconds (${identity.sessionMaxSeconds})`,
          });
        }
      }),
    services: z
      .object({
        ...(Object.fromEntries(SERVICE_NAMES.map((s) => [s, servicePorts])) as Record<
          Exclude<ServiceName, 'federation' | 'gateway'>,
          typeof servicePorts
        >),
        gateway: servicePorts
          .extend({
            /**
             * 开放门户 — the public open-data portal's own port, facing the internet: the open portal's
             * files, its sitemap and the open-data API only (see libs/gateway/node `open-portal/`).
             * Absent: the node serves no open portal.
             */
            openPortal: port.optional(),
          })
          .strict(),
        federation: servicePorts
          .extend({
            /**
             * The mTLS port children's links dial (`parent.federation` of a child points here). Without
             * it the node accepts no child links; its own link to its parent works regardless.
             */
            link: port.optional(),
          })
          .strict(),
      })
      .strict(),
    /** 数据开放 — settings of the open-data service beyond its ports. */
    openData: z
      .object({
        /**
         * 个人实名认证 — the yes/no verification of a person's name and 公民身份号码 against the
         * population data, called through this node's exchange as a service account of the node's
         * data authority holding a grant on a population-verification API resource. Absent: the
         * open portal verifies companies only (by check digit) and answers 503 for persons.
         */
        realName: z
          .object({
            /** The grant (`/api/v1/exchange/calls/{grantId}/…`) on the verification API resource. */
            grantId: z.uuid(),
            /** The operation path under the grant, e.g. `/verify`; answered `{"match": true|false}`. */
            operationPath: z
              .string()
              .regex(/^\/[^\s?#]*$/, 'a path starting with /')
              .default('/verify'),
            /** The service account (client credentials) of the node authority holding the grant. */
            clientId: z.string().min(1).max(100),
            /** Its secret: from a Secret, e.g. GOVDATA__OPEN_DATA__REAL_NAME__CLIENT_SECRET. */
            clientSecret: z.string().min(16).max(256),
            /** The gateway the call goes through; default this node's gateway on its HTTP port. */
            gatewayUrl: z.url().optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** How the federation links watch themselves (反熵校验 schedule, silence alerts). */
    federation: z
      .object({
        antiEntropySeconds: z
          .number()
          .int()
          .min(1)
          .max(86_400)
          .default(600)
          .describe('seconds between anti-entropy comparisons with the parent (1–86400)'),
        silenceAlertSeconds: z
          .number()
          .int()
          .min(15)
          .max(604_800)
          .default(300)
          .describe('seconds a child may stay silent before an alert is raised (15–604800)'),
      })
      .strict()
      .default({ antiEntropySeconds: 600, silenceAlertSeconds: 300 }),
    /**
     * 出站访问 — where data sources and exchange upstreams may be. Loopback, link-local, cloud
     * metadata, unspecified and multicast addresses need an entry naming them (not a wider network);
     * the node's own database, Redis, Kafka and service ports need an exact host:port entry.
     */
    outbound: z
      .object({
        allow: z
          .array(
            z.string().superRefine((entry, ctx) => {
              const parsed = parseAllowEntry(entry);
              if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
            }),
          )
          .default(['0.0.0.0/0', '::/0'])
          .describe('CIDR networks (10.20.0.0/16), or addresses / host names with an optional :port'),
      })
      .strict()
      .default({ allow: ['0.0.0.0/0', '::/0'] }),
    /** Address other services of this node use to reach a service (host part of gRPC targets). */
    serviceHost: z.string().min(1).default('127.0.0.1'),
    /**
     * Address the services' internal ports (every gRPC port, the HTTP ports of all but the gateway)
     * listen on. Loopback unless the node's services run on separate hosts (split containers or pods):
     * then 0.0.0.0. The gateway's HTTP port and the federation link port face the network regardless.
     */
    internalBindHost: z.string().min(1).default('127.0.0.1').describe('an address to listen on, e.g. 127.0.0.1'),
    /** What the services' HTTP ports expose besides the API (security headers: libs/platform/service). */
    http: z
      .object({
        /** Swagger UI (`/api/docs`) and every service's OpenAPI document; set false in production. */
        apiDocs: z.boolean().default(true).describe('true or false'),
        /**
         * Bearer token Prometheus sends for `/metrics` (and for `/readyz` details). Empty: `/metrics`
         * answers 404 and `/readyz` only says ready or not.
         */
        metricsToken: z
          .string()
          .refine((v) => v === '' || v.length >= 16, { message: 'empty, or at least 16 characters' })
          .default('')
          .describe('empty, or a token of at least 16 characters')
          .meta({ sensitive: true }),
        /**
         * Folder of the built staff portal (共享门户: index.html and assets/) the gateway serves at `/`.
         * Absent: `dist/portal` of the govdata installation (see `portalDirectory`).
         */
        portalDir: z
          .string()
          .refine((v) => isAbsolute(v), { message: 'an absolute folder path, e.g. /app/dist/portal' })
          .optional()
          .describe('an absolute folder path, e.g. /app/dist/portal'),
        /**
         * Folder of the built open-data portal (开放门户) served on `services.gateway.openPortal`.
         * Absent: `dist/open-portal` of the govdata installation (see `openPortalDirectory`).
         */
        openPortalDir: z
          .string()
          .refine((v) => isAbsolute(v), { message: 'an absolute folder path, e.g. /app/dist/open-portal' })
          .optional()
          .describe('an absolute folder path, e.g. /app/dist/open-portal'),
      })
      .strict()
      .default({ apiDocs: true, metricsToken: '' }),
    /**
     * 密码算法配置 — `international` (SHA-256, AES-256-GCM, ECDSA P-256) or `sm` (国密 SM3, SM4, SM2)
     * for what this node hashes, seals and signs from now on; values made under the other profile
     * still open and verify (they name their algorithm). See libs/platform/crypto.
     */
    crypto: z
      .object({
        profile: z.enum(CRYPTO_PROFILE_NAMES).default('international'),
      })
      .strict()
      .default({ profile: 'international' }),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
      })
      .strict()
      .default({ level: 'info' }),
  })
  .strict();

export type NodeConfig = z.infer<typeof nodeConfigSchema>;

/** host:port of a service's gRPC server, as the node's other services reach it. */
export function grpcTarget(config: NodeConfig, service: ServiceName): string {
  const ports = config.services[service];
  return `${ports.host ?? config.serviceHost}:${ports.grpc}`;
}
export type NodeConfigInput = z.input<typeof nodeConfigSchema>;
