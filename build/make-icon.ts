// Writes build/icons/512x512.png: a dark rounded tile with rising green bars (the stages of a rollout).
// Run with `node build/make-icon.ts`; plain zlib, so no image library is needed.
import fs from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const BG = [0x0d, 0x11, 0x17]; // the renderer's --bg
const BAR = [0x3e, 0xcf, 0x8e]; // its --ok
const bars = [0.2, 0.35, 0.55, 0.8].map((h, i) => ({ x0: 96 + i * 88, x1: 96 + i * 88 + 60, y0: Math.round(416 - h * 320) }));

function pixel(x: number, y: number): number[] {
  const r = 96; // corner radius
  const cx = Math.min(Math.max(x, r), SIZE - 1 - r);
  const cy = Math.min(Math.max(y, r), SIZE - 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
  const onBar = y < 416 && bars.some((b) => x >= b.x0 && x < b.x1 && y >= b.y0);
  return [...(onBar ? BAR : BG), 255];
}

const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
for (let y = 0; y < SIZE; y++) {
  const row = y * (1 + SIZE * 4); // each row starts with filter type 0
  for (let x = 0; x < SIZE; x++) rows.set(pixel(x, y), row + 1 + x * 4);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => (buf.reduce((c, b) => crcTable[(c ^ b) & 0xff]! ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('icons/512x512.png', import.meta.url);
fs.mkdirSync(new URL('.', out), { recursive: true });
fs.writeFileSync(out, png);
console.log(`wrote ${out.pathname} (${png.length} bytes)`);
