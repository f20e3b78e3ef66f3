package itsm

import org.junit.jupiter.api.Test
import java.time.Duration
import java.time.Instant
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotSame
import kotlin.test.assertNull
import kotlin.test.assertTrue

class CalendarTest {
    private val berlinJson = """
        {"time_zone": "Europe/Berlin",
         "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
                  "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]},
         "holidays": [{"date": "2026-12-22"}]}
    """.trimIndent()
    private val berlin = Calendar.fromJson(berlinJson)
    private val always = Calendar.twentyFourSeven()

    private fun at(text: String): Instant = parseInstant(text)

    // Loading documents

    @Test
    fun `unknown time zone is an invalid config naming the field`() {
        val error = assertFailsWith<ItsmException.InvalidConfig> {
            Calendar.fromJson("""{"time_zone": "Mars/Olympus", "week": "24x7"}""")
        }
        assertEquals("invalid_config", error.code)
        assertEquals("time_zone: unknown time zone \"Mars/Olympus\"", error.detail)
        assertTrue(error.message.contains(error.detail), error.message)
    }

    @Test
    fun `malformed window names its path`() {
        val error = assertFailsWith<ItsmException.InvalidConfig> {
            Calendar.fromJson("""{"time_zone": "UTC", "week": {"tue": [["09:00", "13:00"], ["14:00", "08:00"]]}}""")
        }
        assertEquals("week.tue[1]: end 08:00 is before start 14:00", error.detail)
    }

    @Test
    fun `bad time of day names its path`() {
        val error = assertFailsWith<ItsmException.InvalidConfig> {
            Calendar.fromJson("""{"time_zone": "UTC", "week": {"wed": [["9 am", "17:00"]]}}""")
        }
        assertTrue(error.detail.startsWith("week.wed[0]"), error.detail)
    }

    @Test
    fun `text that is not JSON is an invalid config of the document`() {
        for (text in listOf("", "{", "not json", "[]", "null")) {
            val error = assertFailsWith<ItsmException.InvalidConfig>(text) { Calendar.fromJson(text) }
            assertEquals("invalid_config", error.code)
            assertTrue(error.detail.startsWith("(document)"), "$text: ${error.detail}")
        }
    }

    @Test
    fun `a calendar that never works is refused`() {
        assertFailsWith<ItsmException.InvalidConfig> {
            Calendar.fromJson("""{"time_zone": "UTC", "week": {}}""")
        }
    }

    @Test
    fun `toJson round trips and calendars compare by document`() {
        val again = Calendar.fromJson(berlin.toJson())
        assertNotSame(berlin, again)
        assertEquals(berlin, again)
        assertEquals(berlin.toJson(), again.toJson())
        assertEquals("Europe/Berlin", again.timeZone())
        assertFalse(berlin == always)
        assertEquals("""{"time_zone":"UTC","week":"24x7"}""", always.toJson())
        assertEquals("UTC", always.timeZone())
        assertEquals(always, Calendar.fromJson(always.toJson()))
    }

    @Test
    fun `tz version is an IANA release name`() {
        assertTrue(Regex("""\d{4}[a-z]""").matches(tzVersion()), tzVersion())
    }

    // Arithmetic

    @Test
    fun `business arithmetic across a holiday`() {
        // Monday 21 December 2026, 15:00 in Berlin; Tuesday is a holiday.
        val start = at("2026-12-21T15:00:00+01:00")
        val due = berlin.addBusiness(start, Duration.ofHours(4))
        assertEquals("2026-12-23T10:00:00.000Z", canonical(due))
        assertEquals(Duration.ofHours(4), berlin.businessDuration(start, due))
        assertEquals(start, berlin.subtractBusiness(due, Duration.ofHours(4)))
        assertEquals(
            listOf(
                Interval(at("2026-12-21T14:00:00Z"), at("2026-12-21T16:00:00Z")),
                Interval(at("2026-12-23T08:00:00Z"), at("2026-12-23T10:00:00Z")),
            ),
            berlin.workingIntervals(start, due),
        )
    }

    @Test
    fun `working days, openings and closings`() {
        val friday = at("2026-11-20T10:00:00Z")
        assertEquals(at("2026-11-23T10:00:00Z"), berlin.addWorkingDays(friday, 1, WorkingDayMode.KEEP_TIME_OF_DAY))
        assertEquals(at("2026-11-23T16:00:00Z"), berlin.addWorkingDays(friday, 1, WorkingDayMode.END_OF_DAY))
        assertEquals(at("2026-11-19T10:00:00Z"), berlin.addWorkingDays(friday, -1, WorkingDayMode.KEEP_TIME_OF_DAY))
        assertTrue(berlin.isWorking(friday))
        assertFalse(berlin.isWorking(at("2026-11-21T10:00:00Z")))
        assertEquals(friday, berlin.nextOpening(friday))
        assertEquals(at("2026-11-23T08:00:00Z"), berlin.nextOpening(at("2026-11-20T16:00:00Z")))
        assertEquals(at("2026-11-20T16:00:00Z"), berlin.nextClosing(friday))
        assertNull(always.nextClosing(friday))
    }

    @Test
    fun `working day modes parse from their names`() {
        assertEquals(WorkingDayMode.KEEP_TIME_OF_DAY, parseWorkingDayMode("keep_time_of_day"))
        assertEquals(WorkingDayMode.END_OF_DAY, parseWorkingDayMode("end_of_day"))
        val error = assertFailsWith<ItsmException.InvalidArgument> { parseWorkingDayMode("eod") }
        assertTrue(error.detail.startsWith("invalid argument `mode`"), error.detail)
    }

    // Arguments at the edges

    @Test
    fun `negative durations reach the core and are refused there`() {
        val start = at("2026-11-23T09:00:00Z")
        for (negative in listOf(Duration.ofMillis(-1), Duration.ofNanos(-1), Duration.ofSeconds(Long.MIN_VALUE))) {
            val add = assertFailsWith<ItsmException.InvalidArgument>("$negative") { berlin.addBusiness(start, negative) }
            assertEquals("invalid_argument", add.code)
            assertEquals("invalid argument `duration`: must not be negative", add.detail)
            assertFailsWith<ItsmException.InvalidArgument>("$negative") { berlin.subtractBusiness(start, negative) }
        }
    }

    @Test
    fun `durations beyond any calendar are out of range, not an overflow`() {
        val start = at("2026-11-23T09:00:00Z")
        assertFailsWith<ItsmException.OutOfRange> { always.addBusiness(start, Duration.ofSeconds(Long.MAX_VALUE)) }
        assertFailsWith<ItsmException.OutOfRange> { always.subtractBusiness(start, Duration.ofDays(200 * 366)) }
    }

    @Test
    fun `end before start is an invalid argument`() {
        val error = assertFailsWith<ItsmException.InvalidArgument> {
            berlin.businessDuration(at("2026-11-23T10:00:00Z"), at("2026-11-23T09:00:00Z"))
        }
        assertEquals(
            "invalid argument `end`: 2026-11-23T09:00:00.000Z is before start 2026-11-23T10:00:00.000Z",
            error.detail,
        )
        assertFailsWith<ItsmException.InvalidArgument> {
            berlin.workingIntervals(at("2026-11-23T10:00:00Z"), at("2026-11-23T09:00:00Z"))
        }
    }

    @Test
    fun `sub-millisecond parts are truncated towards the past`() {
        assertEquals(
            "2026-11-23T09:00:00.001Z",
            canonical(always.addBusiness(at("2026-11-23T09:00:00.001999999Z"), Duration.ZERO)),
        )
        assertEquals(
            "2026-11-23T09:00:00.002Z",
            canonical(always.addBusiness(at("2026-11-23T09:00:00.001Z"), Duration.ofNanos(1_999_999))),
        )
        // Before 1970 too: 0.4 ms before the epoch is 1 ms before it.
        assertEquals(
            "1969-12-31T23:59:59.999Z",
            canonical(always.addBusiness(Instant.EPOCH.minusNanos(400_000), Duration.ZERO)),
        )
        assertEquals(Duration.ofMillis(1), always.businessDuration(Instant.EPOCH.minusNanos(1), Instant.EPOCH))
    }

    @Test
    fun `the last second before 1970 keeps its sign`() {
        // uniffi's built-in timestamp would turn -0.5 s into +0.5 s.
        for (text in listOf("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.500Z", "1969-12-31T23:59:59.000Z")) {
            val instant = at(text)
            assertEquals(text, canonical(always.addBusiness(instant, Duration.ZERO)))
            assertEquals(instant, always.nextOpening(instant))
            assertEquals(listOf(Interval(instant, Instant.EPOCH)), always.workingIntervals(instant, Instant.EPOCH))
        }
        assertEquals(
            "1970-01-01T00:00:00.499Z",
            canonical(always.addBusiness(at("1969-12-31T23:59:59.500Z"), Duration.ofMillis(999))),
        )
    }

    @Test
    fun `instants before 1970 work`() {
        val start = at("1950-06-01T23:30:00Z")
        assertEquals(at("1950-06-02T01:30:00Z"), always.addBusiness(start, Duration.ofHours(2)))
        assertEquals(Duration.ofHours(2), always.businessDuration(start, at("1950-06-02T01:30:00Z")))
        assertEquals(at("1950-06-01T21:30:00Z"), always.subtractBusiness(start, Duration.ofHours(2)))
        assertEquals(at("1900-01-01T00:00:00Z"), always.nextOpening(at("1900-01-01T00:00:00Z")))
    }

    @Test
    fun `instants outside 1900 to 2300 are out of range`() {
        val error = assertFailsWith<ItsmException.OutOfRange> { berlin.isWorking(at("1899-12-31T23:59:59Z")) }
        assertEquals("out_of_range", error.code)
        assertEquals(
            "instant 1899-12-31T23:59:59.000Z is outside the supported range " +
                "1900-01-01T00:00:00.000Z to 2300-01-01T00:00:00.000Z",
            error.detail,
        )
        for (instant in listOf(Instant.MIN, Instant.MAX, at("2300-01-01T00:00:00.001Z"))) {
            assertFailsWith<ItsmException.OutOfRange>("$instant") { berlin.isWorking(instant) }
            assertFailsWith<ItsmException.OutOfRange>("$instant") { berlin.addBusiness(instant, Duration.ZERO) }
        }
    }

    @Test
    fun `huge day counts are out of range, not an overflow`() {
        val start = at("2026-11-23T09:00:00Z")
        for (days in listOf(Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000L)) {
            for (mode in WorkingDayMode.entries) {
                assertFailsWith<ItsmException.OutOfRange>("$days $mode") { berlin.addWorkingDays(start, days, mode) }
            }
        }
    }

    // Objects

    @Test
    fun `one calendar serves many threads`() {
        val start = at("2026-11-23T09:00:00Z")
        val expected = (0 until 200).map { berlin.addBusiness(start, Duration.ofMinutes(37L * it)) }
        val pool = Executors.newFixedThreadPool(4)
        try {
            val results = (0 until 8).map {
                pool.submit(Callable { (0 until 200).map { berlin.addBusiness(start, Duration.ofMinutes(37L * it)) } })
            }
            for (result in results) assertEquals(expected, result.get(60, TimeUnit.SECONDS))
        } finally {
            pool.shutdownNow()
        }
    }

    @Test
    fun `a closed calendar can no longer be used`() {
        val calendar = Calendar.fromJson(berlinJson)
        calendar.use { assertEquals("Europe/Berlin", it.timeZone()) }
        assertFailsWith<IllegalStateException> { calendar.timeZone() }
    }
}
