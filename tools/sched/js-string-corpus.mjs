// js-string-corpus.mjs - doubles and JavaScript's String() of each, to test
// the C formatter (core/jsnum.cc) against node itself.
// Usage: node js-string-corpus.mjs [N=1000000] [SEED=1]
// Prints N lines "BITS STRING", BITS the double's 16 hex digits.  The mix:
// random bit patterns (every exponent, subnormals, NaN and infinities),
// products D*S as the fuzz seed holds them, short decimals and integers,
// numbers rounded to 8 places as the scheduler's S, D and R are (the
// formatter's fast path), and neighbours of powers of two and ten and of
// String()'s layout limits (1e21, 1e-7), where shortest digits are hardest
// to get right.
const N = Number(process.argv[2] || 1_000_000)
let seed = Number(process.argv[3] || 1) >>> 0 || 1
const u32 = () => {	// xorshift32
  seed ^= seed << 13; seed >>>= 0
  seed ^= seed >>> 17
  seed ^= seed << 5; seed >>>= 0
  return seed
}
const uniform = () => u32() / 4294967296
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer)
const u32s = new Uint32Array(f64.buffer)
const round8 = (x) => Math.round(x * 1e8) / 1e8
const sign = (x) => (u32() & 1 ? -x : x)
const step = (x, k) => {	// the k-th double after x (k may be negative)
  f64[0] = x; u64[0] += BigInt(k); return f64[0]
}

function draw(kind) {
  switch (kind) {
    case 0: case 1: case 2: case 3:	// any bit pattern
      u32s[0] = u32(); u32s[1] = u32(); return f64[0]
    case 4: case 5: case 6:		// D*S as the fuzz seed has it
      return round8(1 + 9 * uniform()) * round8(36500 ** uniform() * 0.001 + 0.001)
    case 7:				// a short decimal, or S, D, R to 8 places
      return u32() & 1 ? sign(Math.floor(uniform() * 1e6) / 10 ** (u32() % 12))
        : sign(round8(uniform() * 10 ** ((u32() % 16) - 8)))
    case 8:				// an integer, up to 2^53 and past
      return sign(Math.floor(uniform() * 2 ** (u32() % 70)))
    default: {			// next to 2^k, 10^k or a layout limit
      const edges = [2 ** ((u32() % 2100) - 1075), 10 ** ((u32() % 640) - 325), 1e21, 1e-7, 1e-6]
      return sign(step(edges[u32() % edges.length], (u32() % 5) - 2))
    }
  }
}

const out = []
for (let i = 0; i < N; i++) {
  f64[0] = draw(u32() % 10)
  out.push(u64[0].toString(16).padStart(16, '0') + ' ' + String(f64[0]))
  if (out.length === 10000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0 }
}
if (out.length) process.stdout.write(out.join('\n') + '\n')
