// A stand-in for Riemann's server (not packaged for Debian), for scripts/record-riemann.
// It speaks Riemann's protocol as riemann.transport.tcp/udp do (TCP: 4-byte big-endian length +
// protobuf Msg, answered with a framed Msg {ok: true}; UDP: one Msg per datagram, no answer;
// a Msg that does not parse closes the TCP connection) and forwards each event to carbon by
// riemann.graphite's default rules: only events with a metric, path graphite-path-percentiles,
// value `(if (integer? m) m (double m))` printed as Java prints it, time `(int (:time event))`.
// Its "config" drops every event tagged "drop" (as `(where (not (tagged "drop")) graphite)`).
// It decodes with protobufjs, the library the npm riemann client uses.
//
// One JSON line per event goes to LOG: the event as decoded and the decision (forwarded with
// its Graphite line, dropped, or no-metric): the oracle of the riemann capture.
//
// usage: node riemann-standin.js ADDR PORT CARBON_ADDR CARBON_PORT LOG   (NODE_PATH: protobufjs)
'use strict';
const net = require('net');
const dgram = require('dgram');
const fs = require('fs');
const protobuf = require('protobufjs');

const [addr, port, carbonAddr, carbonPort, logPath] = process.argv.slice(2);

// riemann.proto as Riemann's server compiles it (riemann-java-client), proto2.
const PROTO = `
syntax = "proto2";
message State { optional int64 time = 1; optional string state = 2; optional string service = 3;
  optional string host = 4; optional string description = 5; optional bool once = 6;
  repeated string tags = 7; optional float ttl = 8; }
message Event { optional int64 time = 1; optional string state = 2; optional string service = 3;
  optional string host = 4; optional string description = 5; repeated string tags = 7;
  optional float ttl = 8; repeated Attribute attributes = 9; optional int64 time_micros = 10;
  optional sint64 metric_sint64 = 13; optional double metric_d = 14; optional float metric_f = 15; }
message Query { optional string string = 1; }
message Msg { optional bool ok = 2; optional string error = 3; repeated State states = 4;
  optional Query query = 5; repeated Event events = 6; }
message Attribute { required string key = 1; optional string value = 2; }
`;
const root = protobuf.parse(PROTO, { keepCase: true }).root;
const Msg = root.lookupType('Msg');

const log = fs.openSync(logPath, 'w');
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

// Java's Double.toString (shortest digits, as JDK 19+): plain between 1e-3 and 1e7, else d.dddE±n.
function javaDouble(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  const [mant, e] = a.toExponential().split('e');
  const exp = parseInt(e, 10);
  const digits = mant.replace('.', '');
  if (a >= 1e-3 && a < 1e7) {
    if (exp < 0) return sign + '0.' + '0'.repeat(-exp - 1) + digits;
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    return sign + whole + '.' + (digits.slice(exp + 1) || '0');
  }
  return sign + digits[0] + '.' + (digits.slice(1) || '0') + 'E' + exp;
}

// graphite-path-percentiles: the trailing (\d+)\.(\d+)$ becomes the fraction's digits alone
// (the when-not that meant to keep the whole part has no body), then graphite-path-basic.
function javaSplit(s, sep) { // Pattern.split: trailing empty strings dropped, no match keeps s
  if (!s.includes(sep)) return [s];
  const parts = s.split(sep);
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
function graphitePath(ev) {
  let service = has(ev, 'service') ? ev.service : null;
  if (service !== null) service = service.replace(/(\d+)\.(\d+)$/, (_, whole, frac) => frac);
  const hostParts = has(ev, 'host') ? javaSplit(ev.host, '.') : [];
  const serviceParts = service !== null ? javaSplit(service, ' ') : [];
  return hostParts.reverse().concat(serviceParts).join('.');
}

function metricOf(ev) { // riemann.codec: sint64, then d, then f
  if (has(ev, 'metric_sint64')) return { type: 'sint64', text: ev.metric_sint64.toString() };
  if (has(ev, 'metric_d')) return { type: 'd', text: javaDouble(ev.metric_d) };
  if (has(ev, 'metric_f')) return { type: 'f', text: javaDouble(ev.metric_f) }; // float widened
  return null;
}

function seconds(ev) { // time_micros / 1e6, else time, else Riemann's clock
  if (has(ev, 'time_micros')) return Number(ev.time_micros.toString()) / 1e6;
  if (has(ev, 'time')) return Number(ev.time.toString());
  return Date.now() / 1000;
}

let carbon = null;
function connectCarbon() {
  carbon = net.connect({ host: carbonAddr, port: Number(carbonPort), localAddress: addr });
  carbon.setNoDelay(true);
  carbon.on('error', (e) => process.stderr.write('standin: carbon: ' + e.message + '\n'));
}

function handle(msg, transport, peer) {
  for (const ev of msg.events || []) {
    const metric = metricOf(ev);
    const entry = {
      transport, peer,
      host: has(ev, 'host') ? ev.host : null,
      service: has(ev, 'service') ? ev.service : null,
      state: has(ev, 'state') ? ev.state : null,
      description: has(ev, 'description') ? ev.description : null,
      tags: ev.tags || [],
      attributes: (ev.attributes || []).map((a) => [a.key, has(a, 'value') ? a.value : null]),
      time: has(ev, 'time') ? Number(ev.time.toString()) : null,
      time_micros: has(ev, 'time_micros') ? ev.time_micros.toString() : null,
      ttl: has(ev, 'ttl') ? ev.ttl : null,
      metric_type: metric ? metric.type : null,
      metric: metric ? metric.text : null,
      path: graphitePath(ev),
    };
    if (!metric) {
      entry.decision = 'no-metric';
    } else if ((ev.tags || []).includes('drop')) {
      entry.decision = 'dropped';
    } else {
      entry.decision = 'forwarded';
      entry.line = entry.path + ' ' + metric.text + ' ' + Math.trunc(seconds(ev)) + '\n';
      carbon.write(entry.line);
    }
    fs.writeSync(log, JSON.stringify(entry) + '\n');
  }
}

function frame(msg) {
  const body = Msg.encode(Msg.create(msg)).finish();
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

const tcp = net.createServer((sock) => {
  const peer = sock.remoteAddress + ':' + sock.remotePort;
  let buf = Buffer.alloc(0);
  sock.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32BE(0)) {
      const len = buf.readUInt32BE(0);
      const body = buf.subarray(4, 4 + len);
      buf = buf.subarray(4 + len);
      let msg;
      try {
        msg = Msg.decode(body);
      } catch (e) { // Riemann's handler closes the channel on a decoder exception
        fs.writeSync(log, JSON.stringify({ transport: 'tcp', peer, decision: 'bad-msg', error: e.message }) + '\n');
        sock.destroy();
        return;
      }
      handle(msg, 'tcp', peer);
      sock.write(frame(msg.query ? { ok: true, events: [] } : { ok: true }));
    }
  });
  sock.on('error', () => {});
});

const udp = dgram.createSocket('udp4');
udp.on('message', (data, rinfo) => {
  const peer = rinfo.address + ':' + rinfo.port;
  try {
    handle(Msg.decode(data), 'udp', peer);
  } catch (e) {
    fs.writeSync(log, JSON.stringify({ transport: 'udp', peer, decision: 'bad-msg', error: e.message }) + '\n');
  }
});

connectCarbon();
carbon.on('connect', () => {
  tcp.listen(Number(port), addr, () => {
    udp.bind(Number(port), addr, () => process.stderr.write('standin: listening on ' + addr + ':' + port + '\n'));
  });
});

process.on('SIGTERM', () => { // the last lines reach carbon, its connection ends with a FIN
  tcp.close();
  udp.close();
  carbon.end(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
