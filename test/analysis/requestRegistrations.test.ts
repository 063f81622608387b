/** CL006 for functions files register by name as request handlers: Django's urls.py, Flask's add_url_rule, routes given a handler from another file. */
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/analyzer';
import { analyzeSources, cl006, grammars, summary } from './analyze';

const pythonClient = `import redis
from django.core.cache import cache
r = redis.Redis()
`;

describe('CL006 for Django views a urls.py maps', () => {
  it('flags the views urls.py maps, however it imports them, and not a view nothing maps or a namesake elsewhere', async () => {
    const { lines, messages, related } = await cl006({
      'shop/urls.py': `from django.urls import path, re_path
from . import views
from .admin import reset_sessions as reset
from shop.reports import build_report

urlpatterns = [
    path("cache/reset/", views.reset_cache, name="reset-cache"),
    re_path(r"^sessions/reset/$", csrf_exempt(reset)),
    url(r"^report/$", build_report),
    path("home/", HomeView.as_view()),
    path("api/", include("shop.api.urls")),
]
`,
      'shop/views.py': `${pythonClient}
def reset_cache(req):
    cache.clear()

def rebuild(keep):
    r.flushdb()
`,
      'shop/admin.py': `${pythonClient}
def reset_sessions(req):
    r.flushall()
`,
      'backend/shop/reports.py': `${pythonClient}
def build_report(req):
    return r.keys("report:*")
`,
      'blog/views.py': `${pythonClient}
def reset_cache(req):
    cache.clear()
`,
      'shop/tests/test_urls.py': `from django.urls import path
from shop import views
urlpatterns = [path("rebuild/", views.rebuild)]
`,
    });
    expect(lines).toEqual(['CL006 shop/views.py:6', 'CL006 shop/admin.py:6', 'CL006 backend/shop/reports.py:6']);
    expect(messages).toEqual([
      'reset_cache, the handler of "cache/reset/", empties the whole cache (clear)',
      'reset_sessions, the handler of r"^sessions/reset/$", empties the whole cache (flushall)',
      'build_report, the handler of r"^report/$", calls KEYS "report',
    ]);
    expect(related).toEqual(['shop/urls.py:7 registers reset_cache for "cache/reset/"', 'shop/urls.py:8 registers reset_sessions for r"^sessions/reset/$"', 'shop/urls.py:9 registers build_report for r"^report/$"']);
  });

  it('knows a view urls.py defines itself and one from a views package, and what a mapped view reaches', async () => {
    const { lines, messages, related } = await cl006({
      'config/urls.py': `from django.urls import path
from shop.views import maintenance

def flush(req):
    r.flushall()

urlpatterns = [
    path("flush/", flush),
    path("rebuild/", maintenance.rebuild),
]
`,
      'shop/views/maintenance.py': `from shop.cache_tools import clear_all

def rebuild(req):
    clear_all()
`,
      'shop/cache_tools.py': `${pythonClient}
def clear_all():
    cache.clear()
`,
    });
    expect(lines).toEqual(['CL006 config/urls.py:5', 'CL006 shop/cache_tools.py:6']);
    expect(messages).toEqual(['flush, the handler of "flush/", empties the whole cache (flushall)', 'clear_all, called from rebuild, empties the whole cache (clear)']);
    expect(related).toEqual([
      'config/urls.py:8 registers flush for "flush/"',
      'shop/views/maintenance.py:3 rebuild handles requests and reaches clear_all',
      'config/urls.py:9 registers rebuild for "rebuild/"',
    ]);
  });
});

describe('CL006 for Flask views given to add_url_rule', () => {
  it('flags view_func by keyword or position, from an imported module or function', async () => {
    const { lines, messages } = await cl006({
      'app/__init__.py': `from flask import Flask
from app import views
from .maintenance import flush_all

app = Flask(__name__)
app.add_url_rule("/cache/reset", view_func=views.reset, methods=["POST"])
bp.add_url_rule("/flush", "flush", flush_all)
`,
      'app/views.py': `${pythonClient}
def reset():
    r.flushdb()

def stats():
    return r.keys("stats:*")
`,
      'app/maintenance.py': `${pythonClient}
def flush_all():
    r.flushall()
`,
    });
    expect(lines).toEqual(['CL006 app/views.py:6', 'CL006 app/maintenance.py:6']);
    expect(messages).toEqual(['reset, the handler of "/cache/reset", empties the whole cache (flushdb)', 'flush_all, the handler of "/flush", empties the whole cache (flushall)']);
  });
});

const tsClient = `import Redis from "ioredis";
const redis = new Redis();
`;

describe('CL006 for TypeScript handlers routes import', () => {
  it('flags imported, namespace-imported and required handlers in their modules, not namesakes elsewhere or an object the file makes', async () => {
    const { lines, messages, related } = await cl006({
      'src/routes.ts': `import { reset } from "./handlers";
import * as admin from "./admin/index";
import { CacheController } from "./cacheController";
const { purge: purgeAll } = require("../lib/purge");

const controller = new CacheController();
router.post("/cache/reset", requireAdmin, reset);
app.get("/admin/keys", admin.listKeys);
app.delete("/cache", purgeAll);
app.post("/cache/clear", controller.clear);
`,
      'src/handlers.ts': `${tsClient}
export async function reset(req, res) {
  await redis.flushall();
  res.sendStatus(204);
}
`,
      'src/admin/index.ts': `${tsClient}
export const listKeys = async (req, res) => {
  res.json(await redis.keys("*"));
};
`,
      'lib/purge.js': `${tsClient}
async function purge(req, res) {
  await redis.flushdb();
}
module.exports = { purge };
`,
      'src/cacheController.ts': `${tsClient}
export class CacheController {
  async clear(req, res) {
    await redis.flushall();
  }
}
`,
      'scripts/handlers.ts': `${tsClient}
export async function reset() {
  await redis.flushall();
}
`,
    });
    expect(lines).toEqual(['CL006 src/handlers.ts:5', 'CL006 src/admin/index.ts:5', 'CL006 lib/purge.js:5']);
    expect(messages).toEqual([
      'reset, the handler of POST /cache/reset, empties the whole cache (flushall)',
      'listKeys, the handler of GET /admin/keys, calls KEYS "*"',
      'purge, the handler of DELETE /cache, empties the whole cache (flushdb)',
    ]);
    expect(related).toEqual(['src/routes.ts:7 registers reset for POST /cache/reset', 'src/routes.ts:8 registers listKeys for GET /admin/keys', 'src/routes.ts:9 registers purge for DELETE /cache']);
  });
});

describe('CL006 for Go handlers routes name', () => {
  it('flags a function of an imported package or of the same package, and not a namesake in another package or a method value', async () => {
    const { lines, messages, related } = await cl006({
      'api/routes.go': `package api

import (
	"net/http"

	"example.com/shop/handlers"
	"github.com/valyala/fasthttp"
)

func Routes(r *router.Router, mux *http.ServeMux, h *Handler) {
	r.POST("/cache/reset", handlers.Reset)
	mux.Handle("DELETE /sessions", http.HandlerFunc(FlushSessions))
	r.GET("/keys", h.Keys)
}
`,
      'api/sessions.go': `package api

var rdb = redis.NewClient(&redis.Options{})

func FlushSessions(ctx *fasthttp.RequestCtx) {
	rdb.FlushDB(ctx)
}

func (h *Handler) Keys(ctx *fasthttp.RequestCtx) {
	rdb.Keys(ctx, "*")
}
`,
      'handlers/reset.go': `package handlers

var rdb = redis.NewClient(&redis.Options{})

func Reset(ctx *fasthttp.RequestCtx) {
	rdb.FlushAll(ctx)
}
`,
      'tools/reset.go': `package tools

var rdb = redis.NewClient(&redis.Options{})

func Reset(ctx context.Context) {
	rdb.FlushAll(ctx)
}
`,
    });
    expect(lines).toEqual(['CL006 api/sessions.go:6', 'CL006 handlers/reset.go:6']);
    expect(messages).toEqual(['FlushSessions, the handler of DELETE /sessions, empties the whole cache (FlushDB)', 'Reset, the handler of POST /cache/reset, empties the whole cache (FlushAll)']);
    expect(related).toEqual(['api/routes.go:12 registers FlushSessions for DELETE /sessions', 'api/routes.go:11 registers Reset for POST /cache/reset']);
  });
});

describe('CL006 for Java handler methods functional routes name', () => {
  it('flags the method a route references through a parameter, field or class, and not a namesake in another class', async () => {
    const { lines, messages } = await cl006({
      'src/main/java/com/example/CacheRoutes.java': `
@Configuration
public class CacheRoutes {
    private final AdminHandler admin;

    @Bean
    RouterFunction<ServerResponse> routes(CacheHandler handler) {
        return route(POST("/cache/clear"), handler::clear)
            .andRoute(GET("/cache/keys"), KeyHandler::keys)
            .andRoute(DELETE("/admin/cache"), this.admin::purge);
    }
}
`,
      'src/main/java/com/example/CacheHandler.java': `
@Component
public class CacheHandler {
    private final Jedis jedis;

    public Mono<ServerResponse> clear(ServerRequest request) {
        jedis.flushAll();
        return ServerResponse.noContent().build();
    }
}
`,
      'src/main/java/com/example/KeyHandler.java': `
public class KeyHandler {
    private static Jedis jedis;

    public static Mono<ServerResponse> keys(ServerRequest request) {
        return ServerResponse.ok().bodyValue(jedis.keys("*"));
    }
}
`,
      'src/main/java/com/example/AdminHandler.java': `
public class AdminHandler {
    private final Jedis jedis;

    public Mono<ServerResponse> purge(ServerRequest request) {
        jedis.flushDB();
        return ServerResponse.noContent().build();
    }
}
`,
      'src/main/java/com/example/CacheJanitor.java': `
public class CacheJanitor {
    private final Jedis jedis;

    public void clear() {
        jedis.flushAll();
    }
}
`,
    });
    expect(lines).toEqual(['CL006 src/main/java/com/example/CacheHandler.java:7', 'CL006 src/main/java/com/example/KeyHandler.java:6', 'CL006 src/main/java/com/example/AdminHandler.java:6']);
    expect(messages).toEqual([
      'CacheHandler.clear, the handler of POST /cache/clear, empties the whole cache (flushAll)',
      'KeyHandler.keys, the handler of GET /cache/keys, calls KEYS "*"',
      'AdminHandler.purge, the handler of DELETE /admin/cache, empties the whole cache (flushDB)',
    ]);
  });
});

describe('CL006 for registered handlers as the workspace changes', () => {
  it('adds and removes the finding in the declaring file when the registering file changes, as a fresh analysis would', async () => {
    const maintenance = `${pythonClient}
def reset_cache(req):
    cache.clear()
`;
    const urls = (patterns: string): string => `from django.urls import path
from shop import maintenance

urlpatterns = [${patterns}]
`;
    const mapped = urls('path("cache/reset/", maintenance.reset_cache)');
    const analyzer = new Analyzer(grammars);
    await analyzer.update('shop/maintenance.py', maintenance);
    await analyzer.update('shop/urls.py', urls(''));
    expect(summary(analyzer.allFindings())).toEqual([]);
    await analyzer.update('shop/urls.py', mapped);
    expect(summary(analyzer.allFindings())).toEqual(['CL006 shop/maintenance.py:6']);
    expect(analyzer.findings('shop/maintenance.py')[0]!.related.map((r) => `${r.path}:${r.range.startLine + 1}`)).toEqual(['shop/urls.py:4']);
    expect(summary(analyzer.allFindings())).toEqual(summary(await analyzeSources({ 'shop/maintenance.py': maintenance, 'shop/urls.py': mapped })));
    // Moving the mapping moves the link to it.
    await analyzer.update('shop/urls.py', `\n${mapped}`);
    expect(analyzer.findings('shop/maintenance.py')[0]!.related.map((r) => `${r.path}:${r.range.startLine + 1}`)).toEqual(['shop/urls.py:5']);
    await analyzer.update('shop/urls.py', urls('path("cache/reset/", maintenance.other_view)'));
    expect(summary(analyzer.allFindings())).toEqual([]);
    await analyzer.update('shop/urls.py', mapped);
    analyzer.remove('shop/urls.py');
    expect(summary(analyzer.allFindings())).toEqual([]);
  });
});
