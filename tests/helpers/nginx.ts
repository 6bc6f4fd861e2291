import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopChild } from '@/scripts/lib/next-process';

/** Debian's nginx (CI installs it, see .ci/run); NGINX_PATH to use another. */
export function nginxBinary(): string {
  const candidates = [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('nginx is not installed: `apt-get install nginx` (CI installs it in .ci/run), or set NGINX_PATH. tests/deploy runs deploy/nginx.conf in front of Orylo.');
  return found;
}

/** deploy/nginx.conf as shipped, aimed at `upstreamPort` and listening on `listenPort` (each replacement must match exactly once). */
export function deployConfig(upstreamPort: number, listenPort: number): string {
  let conf = fs.readFileSync(path.join(process.cwd(), 'deploy', 'nginx.conf'), 'utf8');
  const replace = (pattern: RegExp, by: string) => {
    const matches = conf.match(new RegExp(pattern, 'g'))?.length ?? 0;
    if (matches !== 1) throw new Error(`deploy/nginx.conf changed: ${pattern} matches ${matches} times`);
    conf = conf.replace(pattern, by);
  };
  replace(/server 127\.0\.0\.1:3000;/, `server 127.0.0.1:${upstreamPort};`);
  replace(/listen 80;/, `listen 127.0.0.1:${listenPort};`);
  return conf;
}

/**
 * nginx in the foreground with deploy/nginx.conf inside a minimal main
 * configuration, everything under a temporary prefix.
 */
export async function startNginx(options: { upstreamPort: number; listenPort: number }): Promise<{ url: string; stop: () => Promise<void>; child: ChildProcess }> {
  const binary = nginxBinary();
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'orylo-nginx-'));
  fs.writeFileSync(path.join(prefix, 'orylo.conf'), deployConfig(options.upstreamPort, options.listenPort));
  const temp = (name: string) => path.join(prefix, name);
  fs.writeFileSync(
    path.join(prefix, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  # Debian's own nginx.conf turns gzip on for the whole http block: so does this one.
  gzip on;
  gzip_proxied any;
  gzip_types text/event-stream application/json;
  include ${temp('orylo.conf')};
}
`,
  );
  const child = spawn(binary, ['-p', prefix, '-c', temp('nginx.conf'), '-e', temp('error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${options.listenPort}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}${fs.existsSync(temp('error.log')) ? fs.readFileSync(temp('error.log'), 'utf8') : ''}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer on ${url}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    stop: async () => {
      await stopChild(child);
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}
