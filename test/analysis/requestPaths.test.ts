/** CL006 in a request path: which functions each language's frameworks run for a request, and what they reach through calls. */
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/analyzer';
import { analyzeSources, cl006, grammars, summary } from './analyze';

const pythonClient = `import redis
from django.core.cache import cache
r = redis.Redis()
`;

describe('CL006 in Python', () => {
  it('flags a flush a Flask route reaches through a function in another file, naming the route', async () => {
    const { lines, messages, related } = await cl006({
      'app/routes.py': `from app.cache_admin import clear_all

@app.route("/admin/cache/clear", methods=["POST"])
def admin_clear():
    clear_all()
    return "", 204
`,
      'app/cache_admin.py': `${pythonClient}
def clear_all():
    r.flushall()
`,
    });
    expect(lines).toEqual(['CL006 app/cache_admin.py:6']);
    expect(messages).toEqual(['clear_all, called from admin_clear, empties the whole cache (flushall)']);
    expect(related).toEqual(['app/routes.py:4 admin_clear handles requests and reaches clear_all']);
  });

  it('leaves flushes in management commands, migrations, scripts and jobs alone', async () => {
    const { lines } = await cl006({
      'app/management/commands/clear_cache.py': `${pythonClient}
class Command(BaseCommand):
    def handle(self, *args, **options):
        cache.clear()
`,
      'app/migrations/0007_reset_cache.py': `${pythonClient}
def forwards(apps, schema_editor):
    r.flushdb()
`,
      'scripts/reset.py': `${pythonClient}
def main():
    for key in r.keys("session:*"):
        r.delete(key)

if __name__ == "__main__":
    r.flushall()
    main()
`,
      'app/tasks.py': `${pythonClient}
@shared_task
def nightly_reset():
    r.flushall()
`,
    });
    expect(lines).toEqual([]);
  });

  it('knows FastAPI, aiohttp and Flask blueprint routes, and not a decorator that takes no URL', async () => {
    const { lines, messages } = await cl006({
      'api.py': `${pythonClient}
routes = web.RouteTableDef()

@router.delete("/cache")
async def purge_cache():
    await r.flushdb()

@routes.post("/flush")
async def flush(request):
    r.flushall()

@bp.get("/sessions")
def sessions():
    return r.keys("session:*")

@mock.patch("api.r")
def patched(r):
    r.flushall()
`,
    });
    expect(lines).toEqual(['CL006 api.py:9', 'CL006 api.py:13', 'CL006 api.py:17']);
    expect(messages).toEqual(['purge_cache empties the whole cache (flushdb)', 'flush empties the whole cache (flushall)', 'sessions calls KEYS "session']);
  });

  it('knows Django function views in views.py or by their decorators, and class-based views by their bases', async () => {
    const view = `${pythonClient}
def clear_cache(request):
    cache.clear()
`;
    const { lines, messages } = await cl006({
      'shop/views.py': view,
      'shop/utils.py': view,
      'shop/api.py': `${pythonClient}
@api_view(["POST"])
def reset(request):
    r.flushdb()

@login_required
def report(request):
    return r.keys("report:*")

class CacheView(LoginRequiredMixin, generic.View):
    def post(self, request):
        cache.clear()

    def keys_of(self, prefix):
        return r.keys(prefix)

class SessionViewSet(viewsets.ViewSet):
    def destroy(self, request, pk=None):
        r.flushall()

class Report(BaseReport):
    def get(self):
        return r.keys("report:*")
`,
    });
    expect(lines).toEqual(['CL006 shop/views.py:6', 'CL006 shop/api.py:7', 'CL006 shop/api.py:11', 'CL006 shop/api.py:15', 'CL006 shop/api.py:22']);
    expect(messages).toEqual(['clear_cache empties the whole cache (clear)', 'reset empties the whole cache (flushdb)', 'report calls KEYS "report', 'CacheView.post empties the whole cache (clear)', 'SessionViewSet.destroy empties the whole cache (flushall)']);
  });

  it('follows calls three deep from the handler, not four, and not into a namesake the caller has in its own file', async () => {
    const { lines, messages } = await cl006({
      'views.py': `from maintenance import step_one

def rebuild(request):
    step_one()
    reset_cache()

def reset_cache():
    r.delete("menu")
`,
      'maintenance.py': `${pythonClient}
def step_one():
    step_two()

def step_two():
    step_three()

def step_three():
    r.keys("menu:*")
    step_four()

def step_four():
    r.flushall()

def reset_cache():
    r.flushall()
`,
    });
    expect(lines).toEqual(['CL006 maintenance.py:12']);
    expect(messages).toEqual(['step_three, called from rebuild, calls KEYS "menu']);
  });
});

const tsClient = `import Redis from "ioredis";
const redis = new Redis();
`;

describe('CL006 in TypeScript and JavaScript', () => {
  it('flags a named Express handler and a helper an inline route reaches, and not a CLI script', async () => {
    const { lines, messages, related } = await cl006({
      'src/routes.ts': `${tsClient}import { purgeAll } from "./purge";

async function clearCache(req, res) {
  await redis.flushall();
  res.sendStatus(204);
}

router.post("/admin/cache/clear", requireAdmin, clearCache);

app.delete("/cache", async (req, res) => {
  await purgeAll();
  res.sendStatus(204);
});
`,
      'src/purge.ts': `${tsClient}
export async function purgeAll() {
  const keys = await redis.keys("product:*");
  if (keys.length > 0) await redis.del(...keys);
}
`,
      'scripts/resetCache.ts': `${tsClient}
async function main() {
  await redis.flushall();
}

main();
`,
    });
    expect(lines).toEqual(['CL006 src/routes.ts:6', 'CL006 src/purge.ts:5']);
    expect(messages).toEqual(['clearCache empties the whole cache (flushall)', 'purgeAll, called from DELETE /cache, calls KEYS "product']);
    expect(related).toEqual(['src/routes.ts:12 DELETE /cache handles requests and reaches purgeAll']);
  });

  it('knows Next.js route handlers and API routes by their files, and NestJS controller methods', async () => {
    const handler = `${tsClient}
export async function POST() {
  await redis.flushdb();
  return new Response(null, { status: 204 });
}
`;
    const { lines, messages } = await cl006({
      'src/app/api/cache/route.ts': handler,
      'src/lib/cache.ts': handler,
      'pages/api/flush.ts': `${tsClient}
export default async function handler(req, res) {
  await redis.flushall();
  res.status(204).end();
}
`,
      'pages/api/keys.ts': `${tsClient}
const listKeys = async (req, res) => {
  res.json(await redis.keys("*"));
};

export default withAuth(listKeys);
`,
      'src/admin.controller.ts': `${tsClient}
@Controller("admin")
export class AdminController {
  @Post("cache/clear")
  async clear() {
    await this.redis.flushall();
  }

  private async reset() {
    await this.redis.flushall();
  }
}

@Injectable()
export class CacheService {
  @Get()
  async clear() {
    await this.redis.flushall();
  }
}
`,
    });
    expect(lines).toEqual(['CL006 src/app/api/cache/route.ts:5', 'CL006 pages/api/flush.ts:5', 'CL006 pages/api/keys.ts:5', 'CL006 src/admin.controller.ts:8']);
    expect(messages).toEqual(['POST empties the whole cache (flushdb)', 'handler empties the whole cache (flushall)', 'listKeys calls KEYS "*"', 'AdminController.clear empties the whole cache (flushall)']);
  });

  it('knows a route chained from router.route(path), and does not take a settings lookup by name for a route', async () => {
    const { lines, messages } = await cl006({
      'config.ts': `${tsClient}
const flag = settings.get("maintenance", async () => {
  await redis.flushall();
});

router.route("/admin/flags").delete(async (req, res) => {
  await redis.flushdb();
});
`,
    });
    expect(lines).toEqual(['CL006 config.ts:9']);
    expect(messages).toEqual(['DELETE /admin/flags empties the whole cache (flushdb)']);
  });
});

describe('CL006 in Go', () => {
  it('knows net/http, gin and echo handlers by their parameters and route literals, and leaves main alone', async () => {
    const { lines, messages } = await cl006({
      'handlers.go': `package api

var rdb = redis.NewClient(&redis.Options{})

func ClearCache(w http.ResponseWriter, r *http.Request) {
	rdb.FlushAll(r.Context())
}

func (h *Handler) Flush(c echo.Context) error {
	return rdb.FlushDB(c.Request().Context()).Err()
}

func Routes(r *gin.Engine, mux *http.ServeMux) {
	r.POST("/admin/sessions/clear", func(c *gin.Context) {
		purge(c.Request.Context())
	})
	mux.HandleFunc("DELETE /cache", func(w http.ResponseWriter, r *http.Request) {
		rdb.FlushAll(r.Context())
	})
}

func purge(ctx context.Context) {
	rdb.Keys(ctx, "session:*")
}
`,
      'cmd/flush/main.go': `package main

var rdb = redis.NewClient(&redis.Options{})

func main() {
	ctx := context.Background()
	rdb.FlushAll(ctx)
}
`,
    });
    expect(lines).toEqual(['CL006 handlers.go:6', 'CL006 handlers.go:10', 'CL006 handlers.go:18', 'CL006 handlers.go:23']);
    expect(messages).toEqual(['ClearCache empties the whole cache (FlushAll)', 'Handler.Flush empties the whole cache (FlushDB)', 'DELETE /cache empties the whole cache (FlushAll)', 'purge, called from POST /admin/sessions/clear, calls KEYS "session']);
  });
});

describe('CL006 in Java', () => {
  it('flags what a Spring controller mapping or a JAX-RS method reaches, and not a scheduled job or a class that is no controller', async () => {
    const { lines, messages, related } = await cl006({
      'CacheController.java': `
@RestController
@RequestMapping("/admin")
public class CacheController {
    private final CacheService cacheService;
    private final RedisTemplate<String, Object> redisTemplate;

    @PostMapping("/cache/clear")
    public void clear() {
        cacheService.clearAll();
    }

    @GetMapping("/cache/keys")
    public Set<String> keys() {
        return redisTemplate.keys("price:*");
    }
}
`,
      'CacheService.java': `
@Service
public class CacheService {
    private final Jedis jedis;
    private final RedisTemplate<String, Object> redisTemplate;

    public void clearAll() {
        jedis.flushAll();
    }

    @Scheduled(cron = "0 0 3 * * *")
    public void nightly() {
        for (String key : redisTemplate.keys("report:*")) redisTemplate.delete(key);
    }
}
`,
      'CacheResource.java': `
@Path("/cache")
public class CacheResource {
    private final Jedis jedis;

    @DELETE
    public void purge() {
        jedis.flushDB();
    }
}
`,
      'PriceClient.java': `
public class PriceClient {
    private final Jedis jedis;

    @GetMapping("/prices")
    public void refresh() {
        jedis.flushAll();
    }
}
`,
    });
    expect(lines).toEqual(['CL006 CacheController.java:15', 'CL006 CacheService.java:8', 'CL006 CacheResource.java:8']);
    expect(messages).toEqual(['CacheController.keys calls KEYS "price', 'CacheService.clearAll, called from CacheController.clear, empties the whole cache (flushAll)', 'CacheResource.purge empties the whole cache (flushDB)']);
    expect(related).toEqual(['CacheController.java:9 CacheController.clear handles requests and reaches CacheService.clearAll']);
  });
});

describe('CL006 as the workspace changes', () => {
  it('checks a flush again when a handler elsewhere starts or stops calling it, as a fresh analysis would', async () => {
    const helper = `${pythonClient}
def clear_all():
    r.flushall()
`;
    const route = (body: string): string => `@app.post("/admin/cache/clear")
def admin_clear():
    ${body}
`;
    const analyzer = new Analyzer(grammars);
    await analyzer.update('cache_admin.py', helper);
    await analyzer.update('routes.py', route('return "", 204'));
    expect(summary(analyzer.allFindings())).toEqual([]);
    await analyzer.update('routes.py', route('clear_all()'));
    expect(summary(analyzer.allFindings())).toEqual(['CL006 cache_admin.py:6']);
    expect(summary(analyzer.allFindings())).toEqual(summary(await analyzeSources({ 'cache_admin.py': helper, 'routes.py': route('clear_all()') })));
    // The route's own function of that name is the one it calls.
    await analyzer.update('routes.py', `${route('clear_all()')}
def clear_all():
    pass
`);
    expect(summary(analyzer.allFindings())).toEqual([]);
    analyzer.remove('routes.py');
    expect(summary(analyzer.allFindings())).toEqual([]);
  });

  it('takes a TypeScript function for a handler once a route names it, its facts kept or not', async () => {
    const handler = `${tsClient}
async function clearCache(req, res) {
  await redis.flushall();
}
`;
    const analyzer = new Analyzer(grammars);
    await analyzer.update('routes.ts', handler);
    expect(summary(analyzer.allFindings())).toEqual([]);
    await analyzer.update('routes.ts', `${handler}
app.post("/admin/cache/clear", clearCache);
`);
    expect(summary(analyzer.allFindings())).toEqual(['CL006 routes.ts:5']);
    await analyzer.update('routes.ts', handler);
    expect(summary(analyzer.allFindings())).toEqual([]);
  });
});
