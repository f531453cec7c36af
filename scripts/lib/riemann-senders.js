// Real Riemann clients for scripts/record-riemann: the npm `riemann` client (TCP and UDP) and
// Debian's riemann-c-client CLI (`riemann-client send`, TCP and UDP, and one `query`).
// Every event sent is written as one JSON line to SENT (the clients' input: an oracle).
// Events tagged "drop" are the subset the stand-in's config drops; events without a metric are
// never forwarded by Riemann. Services name what each event tests.
//
// usage: node riemann-senders.js ADDR PORT SENT   (NODE_PATH: the npm riemann client)
'use strict';
const fs = require('fs');
const { execFileSync } = require('child_process');
const riemann = require('riemann');

const [addr, port, sentPath] = process.argv.slice(2);
const sent = fs.openSync(sentPath, 'w');
const now = Math.floor(Date.now() / 1000);

// The npm client fills host (os.hostname()) and time (seconds) when absent and sends `metric`
// as metric_f; metricSint64 / metricD go as they are.
const NPM_TCP = [
  { host: 'web1.lab.example', service: 'requests count', metricSint64: 1234567, tags: ['prod'] },
  { host: 'web1.lab.example', service: 'api latency 0.95', metricD: 1e7, state: 'ok' },
  { host: 'web1.lab.example', service: 'api latency 99.9', metricD: 0.25 },
  { host: 'web1.lab.example', service: 'cpu user', metric: 0.1, ttl: 60 },
  { host: 'web2.lab.example', service: 'disk free', metricD: -3.5e-5, attributes: [{ key: 'mount', value: '/var' }] },
  { host: 'web2.lab.example', service: 'heartbeat', state: 'critical', description: 'no metric: never forwarded' },
  { host: 'web2.lab.example', service: 'debug noise', metricD: 42.5, tags: ['drop'] },
  { host: 'db1', service: 'queries per second', metricSint64: -7, tags: ['a b', 'c'],
    attributes: [{ key: 'env', value: 'lab' }, { key: 'team', value: 'ops' }] },
];
const NPM_UDP = [
  { host: 'udp1.lab.example', service: 'load 1m', metricD: 0.75 },
  { host: 'udp1.lab.example', service: 'load 5m', metric: 1.5 },
  { host: 'udp1.lab.example', service: 'udp heartbeat', state: 'ok' },
  { host: 'udp1.lab.example', service: 'udp noise', metricSint64: 9, tags: ['drop'] },
];
// riemann-client send flags: -h host -S service -s state -D description -i sint64 -d double
// -f float -t tag -a key=value -L ttl; -U for UDP.
const CLI = [
  { udp: false, args: ['-h', 'c1.lab.example', '-S', 'cli int', '-i', '42', '-t', 'cli'] },
  { udp: false, args: ['-h', 'c1.lab.example', '-S', 'cli double', '-d', '3.25', '-a', 'rack=r1'] },
  { udp: false, args: ['-h', 'c1.lab.example', '-S', 'cli float', '-f', '0.3', '-L', '30'] },
  { udp: false, args: ['-h', 'c1.lab.example', '-S', 'cli state only', '-s', 'warning', '-D', 'no metric'] },
  { udp: false, args: ['-h', 'c1.lab.example', '-S', 'cli dropped', '-i', '5', '-t', 'drop'] },
  { udp: true, args: ['-h', 'c2.lab.example', '-S', 'cli udp int', '-i', '100000000000'] },
  { udp: true, args: ['-h', 'c2.lab.example', '-S', 'cli udp float', '-f', '2.5E-4', '-t', 'x'] },
  { udp: true, args: ['-h', 'c2.lab.example', '-S', 'cli udp nometric', '-s', 'ok'] },
];

function record(client, transport, ev) {
  fs.writeSync(sent, JSON.stringify(Object.assign({ client, transport }, ev)) + '\n');
}

async function npm() {
  const c = await riemann.createClient({ host: addr, port: Number(port), returnPromise: true });
  for (const ev of NPM_TCP) {
    const e = Object.assign({ time: now }, ev);
    record('npm', 'tcp', e);
    await c.send(c.Event(Object.assign({}, e)), c.tcp); // resolves on Riemann's ok answer
  }
  for (const ev of NPM_UDP) {
    const e = Object.assign({ time: now }, ev);
    record('npm', 'udp', e);
    await c.send(c.Event(Object.assign({}, e)), c.udp);
  }
  await c.send(c.Query({ string: 'service = "cpu user"' }));
  await c.disconnect();
}

function cli() {
  for (const { udp, args } of CLI) {
    record('riemann-client', udp ? 'udp' : 'tcp', { args });
    execFileSync('riemann-client', ['send', ...args, ...(udp ? ['-U'] : ['-T']), addr, port], { stdio: 'inherit' });
  }
  execFileSync('riemann-client', ['query', 'host = "c1.lab.example"', addr, port], { stdio: 'inherit' });
}

npm().then(() => { cli(); process.stderr.write('riemann-senders: ' + (NPM_TCP.length + NPM_UDP.length + CLI.length) + ' events sent\n'); })
  .catch((e) => { process.stderr.write('riemann-senders: ' + e.stack + '\n'); process.exit(1); });
