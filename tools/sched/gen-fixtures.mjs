// gen-fixtures.mjs - expected values from the reference scheduler (ts-fsrs
// 5.4.2) for what the public test vectors leave out: fuzzed intervals, the
// Alea generator, JS number formatting, migration of 17/19 weights, fuzz
// ranges and display retrievability.  Run through tools/sched/gen-fixtures.sh,
// which writes tests/fixtures/sched/reference_extra.json.  Deterministic: the
// same ts-fsrs gives the same file.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import {
  fsrs, createEmptyCard, get_fuzz_range, FSRSVersion, default_w,
} from 'ts-fsrs'

// ts-fsrs announces every migration on console.debug, which is stdout.
console.debug = () => {}

const DAY = 86400000, MIN = 60000

// A 32-bit LCG (as bench.mjs), so the fixture is reproducible.
let seed = 20251123
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296)
const pick = (a) => a[Math.floor(rnd() * a.length)]

// Alea is internal to ts-fsrs: take its own source text from the package,
// so the expected outputs come from the reference code, not a re-typing.
const require = createRequire(import.meta.url)
const dist = readFileSync(require.resolve('ts-fsrs').replace(/[^/]*$/, 'index.cjs'), 'utf8')
const grab = (start, end) => {
  const i = dist.indexOf(start), j = dist.indexOf(end, i)
  if (i < 0 || j < 0) throw new Error(`ts-fsrs source changed: ${start}`)
  return dist.slice(i, j)
}
const aleaSrc = grab('class Alea {', 'const version') // Alea, Mash, alea()
const alea = new Function(`${aleaSrc}; return alea`)()

const out = { generator: 'tools/sched/gen-fixtures.mjs', version: FSRSVersion }

// 1. Alea: the first outputs for a few seeds, including fuzz-seed shapes.
out.alea = ['hello.', '', ' ', '0', 'abc', '1760287885000_1_0',
  '1760305045000_2_6.610547845101', '1735689600000_17_1.2e-7',
  'a much longer seed string with spaces, digits 0123456789 and more']
  .map((s) => { const g = alea(s); return { seed: s, next: [g(), g(), g(), g(), g()] } })

// 2. String(x) for doubles given by their bits: every power of two (where
// the gap below is half the gap above), edge values and random bit patterns.
const bits = (x) => {
  const v = new DataView(new ArrayBuffer(8)); v.setFloat64(0, x)
  return v.getBigUint64(0).toString(16).padStart(16, '0')
}
const fromBits = (h) => { const v = new DataView(new ArrayBuffer(8)); v.setBigUint64(0, BigInt('0x' + h)); return v.getFloat64(0) }
const nums = [0, -0, 1, -1, 0.1, 0.2 + 0.1, 1 / 3, 2 / 3, 123.456, 1e21, 1e21 - 65536,
  123456789012345680000, 1.23e20, 1e-6, 1e-7, 1.5e-7, 0.000001234, 9.999999999999999e-7,
  5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 9007199254740993,
  4.35, 0.98034649, 36500, 36500.00000001, 6.610547845101, 1e15, 1e16, 1e17]
for (let e = -1074; e <= 1023; e++) nums.push(2 ** e)
for (let i = 0; i < 1500; i++) {
  const h = [0, 1, 2, 3].map(() => Math.floor(rnd() * 65536).toString(16).padStart(4, '0')).join('')
  const x = fromBits(h)
  if (Number.isFinite(x)) nums.push(x)
}
for (let i = 0; i < 500; i++) nums.push((1 + rnd() * 9) * (0.1 + rnd() * 99)) // D*S shapes
// S, D and R shapes: 8 decimals (round8) from 1e-8 to 1e7, and near 1e7.
for (let i = 0; i < 1000; i++) nums.push(Math.round(rnd() * 10 ** (Math.floor(rnd() * 16) - 1)) / 1e8)
for (let i = 0; i < 50; i++) nums.push(1e7 + (rnd() - 0.5) * 100, 1e7 - Math.round(rnd() * 1e8) / 1e8)
out.js_string = nums.map((x) => ({ bits: bits(x), s: String(x) }))

// 3. Migration of FSRS-4.5 (17) and FSRS-5 (19) weights, and clipping of
// 21 under several relearning steps (their count bounds w17 and w18).
const jitter = (w, n) => w.slice(0, n).map((x) => +(x * (0.5 + rnd())).toFixed(4))
const fsrs5 = [0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046,
  1.54575, 0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621]
out.migrate = []
for (const n of [17, 19, 21]) {
  for (let i = 0; i < 8; i++) {
    const w = i === 0 ? fsrs5.slice(0, n) : jitter(i < 4 ? fsrs5 : [...default_w], n)
    if (i === 5) w[4] = 12 // out of range
    if (i === 6) w[16] = 0.5
    for (const short of [true, false]) {
      for (const relearn of [[], ['10m'], ['10m', '1h'], ['5m', '30m', '2h']]) {
        const f = fsrs({ w, enable_short_term: short, relearning_steps: relearn })
        out.migrate.push({ w_input: w, enable_short_term: short,
          relearning_steps: relearn, w: [...f.parameters.w] })
      }
    }
  }
}

// 4. get_fuzz_range() over a grid of intervals, elapsed days and maxima.
out.fuzz_range = []
for (const ivl of [3, 4, 5, 6, 7, 8, 12, 19, 20, 21, 33, 100, 365, 1000, 36500])
  for (const elapsed of [0, 1, 5, 40, 400])
    for (const max of [36500, 365, 30]) {
      if (ivl > max) continue
      const { min_ivl, max_ivl } = get_fuzz_range(ivl, elapsed, max)
      out.fuzz_range.push({ ivl, elapsed, max, lo: min_ivl, hi: max_ivl })
    }

// 5. Fuzzed histories: each review's card, in the public vectors' format.
const configs = [
  {}, {}, {}, { request_retention: 0.8 }, { request_retention: 0.95 },
  { maximum_interval: 365 }, { maximum_interval: 30 },
  { enable_short_term: false },
  { learning_steps: ['10m', '1h', '1d'], relearning_steps: ['10m', '1h'] },
  { learning_steps: [], relearning_steps: [] },
  { w: jitter([...default_w], 21), request_retention: 0.85 },
]
out.histories = []
for (let h = 0; h < 66; h++) {
  const cfg = { ...configs[h % configs.length], enable_fuzz: true }
  const f = fsrs(cfg)
  const p = f.parameters
  let t = Date.UTC(2025, 0, 1) + Math.floor(rnd() * 365 * DAY / MIN) * MIN
  let card = createEmptyCard(new Date(t))
  const reviews = []
  const n = 8 + Math.floor(rnd() * 30)
  for (let k = 0; k < n; k++) {
    const u = rnd()
    const rating = u < 0.1 ? 1 : u < 0.2 ? 2 : u < 0.85 ? 3 : 4
    const due = card.due.getTime()
    const how = rnd()
    if (k > 0) {
      if (how < 0.6) t = Math.max(t, due + Math.floor(rnd() * 3) * DAY)
      else if (how < 0.8) t = Math.max(t, due - Math.floor(rnd() * 5) * DAY)
      else if (how < 0.9) t += Math.floor(rnd() * 600) * MIN // same day
      else t = due + Math.floor(rnd() * 400) * DAY // very late
    }
    const state_before = card.state
    const { card: next, log } = f.next(card, new Date(t), rating)
    reviews.push({
      t, rating, elapsed_days: log.elapsed_days, state_before,
      stability: next.stability, difficulty: next.difficulty,
      state: next.state, learning_steps: next.learning_steps,
      scheduled_days: next.scheduled_days, due: next.due.getTime(),
      reps: next.reps, lapses: next.lapses,
      // What a display would show some time later (get_retrievability()).
      r_at: t + Math.floor(rnd() * 60 * DAY),
      r: 0,
    })
    reviews.at(-1).r = f.get_retrievability(next, new Date(reviews.at(-1).r_at), false)
    card = next
  }
  out.histories.push({
    id: `z${String(h + 1).padStart(3, '0')}`,
    params: { request_retention: p.request_retention, maximum_interval: p.maximum_interval,
      enable_fuzz: true, enable_short_term: p.enable_short_term,
      learning_steps: [...p.learning_steps], relearning_steps: [...p.relearning_steps] },
    w_input: cfg.w ?? null, w: [...p.w], reviews,
  })
}

process.stdout.write(JSON.stringify(out) + '\n')
