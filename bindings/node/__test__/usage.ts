// Compiled (never run) by types.test.mjs with `tsc --noEmit`: the declarations
// in index.d.ts accept what the API accepts and reject what it refuses.

import { Calendar, tzVersion, type WorkingInterval } from '../index.js'

const calendar: Calendar = Calendar.fromJSON({ time_zone: 'UTC', week: '24x7' })
const fromText: Calendar = Calendar.fromJSON('{"time_zone": "UTC", "week": "24x7"}')
const always: Calendar = Calendar.twentyFourSeven()

const start = new Date('2026-11-23T09:00:00Z')
const zone: string = calendar.timeZone
const version: string = tzVersion()
const document: Record<string, unknown> = calendar.toJSON()
const text: string = fromText.toJSONString()

const ms: number = calendar.businessDuration(start, new Date())
const due: Date = calendar.addBusiness(start, 3_600_000)
const from: Date = calendar.subtractBusiness(due, 3_600_000)
const keep: Date = calendar.addWorkingDays(start, 2)
const endOfDay: Date = calendar.addWorkingDays(start, -1, 'end_of_day')
const working: boolean = always.isWorking(start)
const opening: Date = calendar.nextOpening(start)
const closing: Date | null = calendar.nextClosing(start)
const intervals: WorkingInterval[] = calendar.workingIntervals(start, due)
const first: Date | undefined = intervals[0]?.start

// @ts-expect-error: instants are Dates, not strings
calendar.isWorking('2026-11-23T09:00:00Z')
// @ts-expect-error: durations are numbers of milliseconds
calendar.addBusiness(start, '1h')
// @ts-expect-error: the mode is one of two names
calendar.addWorkingDays(start, 1, 'eod')
// @ts-expect-error: nextClosing may be null
const notNull: Date = calendar.nextClosing(start)
// @ts-expect-error: a calendar document is an object or JSON text
Calendar.fromJSON(42)
// @ts-expect-error: timeZone is read-only
calendar.timeZone = 'Europe/Berlin'

export const used = [zone, version, document, text, ms, from, keep, endOfDay, working, opening, closing, first, notNull]
