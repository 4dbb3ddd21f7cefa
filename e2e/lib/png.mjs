// A small PNG reader for screenshot checks: 8-bit RGB or RGBA, not interlaced (what Chromium
// writes). Returns { width, height, pixel(x, y) -> [r, g, b, a] }.
import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodePng(png) {
  assert.ok(png.subarray(0, 8).equals(SIGNATURE), "a PNG file");
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat = [];
  for (let pos = 8; pos < png.length;) {
    const length = png.readUInt32BE(pos);
    const type = png.toString("latin1", pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [bitDepth, colourType, , , interlace] = data.subarray(8, 13);
      assert.equal(bitDepth, 8, "8 bits per channel");
      assert.equal(interlace, 0, "not interlaced");
      channels = { 2: 3, 6: 4 }[colourType];
      assert.ok(channels, `colour type ${colourType} is RGB or RGBA`);
    } else if (type === "IDAT") {
      idat.push(data);
    } else if (type === "IEND") {
      break;
    }
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels] : 0;
      const b = up[i];
      const c = i >= channels ? up[i - channels] : 0;
      out[i] = (line[i] + unfilter(filter, a, b, c)) & 0xff;
    }
  }
  return {
    width,
    height,
    pixel(x, y) {
      const i = y * stride + x * channels;
      return [pixels[i], pixels[i + 1], pixels[i + 2], channels === 4 ? pixels[i + 3] : 255];
    },
  };
}

function unfilter(filter, a, b, c) {
  switch (filter) {
    case 0: return 0;
    case 1: return a;
    case 2: return b;
    case 3: return (a + b) >> 1;
    case 4: { // Paeth
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default: throw new Error(`unknown PNG filter ${filter}`);
  }
}

/**
 * The pixels within `tolerance` (per channel) of the colour `#rrggbb`: how many, and on how many
 * distinct rows (a flat line covers two or three; one that rises covers more).
 */
export function findColour(image, hex, tolerance = 10) {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  const rows = new Set();
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const p = image.pixel(x, y);
      if (Math.abs(p[0] - want[0]) <= tolerance && Math.abs(p[1] - want[1]) <= tolerance
        && Math.abs(p[2] - want[2]) <= tolerance) {
        count++;
        rows.add(y);
      }
    }
  }
  return { count, rows: rows.size };
}
