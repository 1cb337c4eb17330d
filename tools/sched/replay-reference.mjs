// replay-reference.mjs - `tpmtrain replay` done by the reference scheduler
// (ts-fsrs), for checking tpmtrain against it on any review log:
//   tools/sched/replay-reference.sh [PARAMS_JSON] < log.csv > expected.csv
// PARAMS_JSON is ts-fsrs's FSRSParameters, e.g. '{"request_retention":0.8}'.
// Input and output are as `tpmtrain replay --help` describes, for valid
// lines (this is a reference for the arithmetic, not for error handling).
import { readFileSync } from 'node:fs'
import { fsrs, createEmptyCard, dateDiffInDays } from 'ts-fsrs'

console.debug = () => {} // ts-fsrs logs weight migration to stdout
const STATES = ['new', 'learning', 'review', 'relearning']
const RATINGS = { again: 1, hard: 2, good: 3, easy: 4 }

function splitCsv(line) {
  const fields = []
  let i = 0
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++
    let v = ''
    if (line[i] === '"') {
      for (i++; !(line[i] === '"' && line[i + 1] !== '"'); i++) {
        if (line[i] === '"') i++
        v += line[i]
      }
      i++
      while (line[i] === ' ' || line[i] === '\t') i++
    } else {
      const j = line.indexOf(',', i)
      v = line.slice(i, j < 0 ? line.length : j).trimEnd()
      i = j < 0 ? line.length : j
    }
    fields.push(v)
    if (i >= line.length) return fields
    i++ // the comma
  }
}

const quote = (s) => (/[,"\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
const time = (s) => (/^-?\d+$/.test(s) ? Number(s) : Date.parse(s))

const f = fsrs(JSON.parse(process.argv[2] || '{}'))
const cards = new Map()
const out = ['card_id,review_time,rating,state,stability,difficulty,retrievability,scheduled_days,due']
let first = true
for (const raw of readFileSync(0, 'utf8').split('\n')) {
  const line = raw.replace(/\r$/, '')
  if (!line.trim()) continue
  const [id, ts, g] = splitCsv(line)
  if (first && id.toLowerCase() === 'card_id') { first = false; continue }
  first = false
  const t = time(ts)
  const rating = RATINGS[g.toLowerCase()] ?? Number(g)
  const card = cards.get(id) ?? createEmptyCard(new Date(t))
  const r = card.state === 0 ? ''
    : String(f.forgetting_curve(dateDiffInDays(card.last_review, new Date(t)), card.stability))
  const next = f.next(card, new Date(t), rating).card
  cards.set(id, next)
  out.push([quote(id), t, rating, STATES[next.state], next.stability, next.difficulty, r,
    next.scheduled_days, next.due.getTime()].join(','))
}
process.stdout.write(out.join('\n') + '\n')
