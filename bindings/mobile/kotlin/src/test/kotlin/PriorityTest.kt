package itsm

import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull

class PriorityTest {
    @Test
    fun `the README example`() {
        val matrix = PriorityMatrix.itil() // or PriorityMatrix.fromJson(text)
        val plain = matrix.priority("medium", "high")
        println("${plain.priority} ${plain.overrideApplied}") // P2 null
        val vip = matrix.priority("medium", "high", """{"vip": true}""")
        println("${vip.priority} from ${vip.matrixPriority} by ${vip.overrideName}") // P1 from P2 by VIP caller
        val stored: String = matrix.priorityJson("medium", "high", """{"vip": true}""") // the core's JSON
        assertEquals("P2", plain.priority)
        assertNull(plain.overrideApplied)
        assertEquals(PriorityAnswer("P1", "P2", "overrides[0]", "VIP caller"), vip)
        assertEquals(
            """{"matrix_priority":"P2","override_applied":"overrides[0]","override_name":"VIP caller","priority":"P1"}""",
            stored,
        )
    }

    @Test
    fun `a matrix reads back from its JSON and compares by document`() {
        val itil = PriorityMatrix.itil()
        val again = PriorityMatrix.fromJson(itil.toJson())
        assertEquals(itil, again)
        assertEquals(itil.toJson(), again.toJson())
        val custom = PriorityMatrix.fromJson(
            """{"impacts": ["1", "2"], "urgencies": ["1"], "priorities": ["high", "low"],
                "matrix": {"1": {"1": "high"}, "2": {"1": "low"}},
                "overrides": [{"when": {"field_eq": {"field": "tier", "value": 1}}, "set": "high"}]}""")
        val answer = custom.priority("2", "1", """{"tier": 1}""")
        assertEquals(PriorityAnswer("high", "low", "overrides[0]", null), answer)
        assertEquals("low", custom.priority("2", "1", """{"tier": "1"}""").priority)
    }

    @Test
    fun `errors name the argument or the bad field`() {
        val matrix = PriorityMatrix.itil()
        val impact = assertFailsWith<ItsmException.InvalidArgument> { matrix.priority("severe", "high") }
        assertEquals("invalid_argument", impact.code)
        assertEquals("invalid argument `impact`: \"severe\" is not one of high, medium, low", impact.detail)
        assertEquals("""{"argument":"impact"}""", impact.document.details)
        val urgency = assertFailsWith<ItsmException.InvalidArgument> { matrix.priorityJson("high", "now") }
        assertEquals("""{"argument":"urgency"}""", urgency.document.details)
        val fields = assertFailsWith<ItsmException.InvalidArgument> { matrix.priority("high", "high", "[1]") }
        assertEquals("""{"argument":"fields"}""", fields.document.details)
        val config = assertFailsWith<ItsmException.InvalidConfig> {
            PriorityMatrix.fromJson("""{"impacts": ["high"], "urgencies": ["high", "low"], "priorities": ["P1"], "matrix": {"high": {"high": "P1"}}}""")
        }
        assertEquals("invalid_config", config.code)
        assertEquals("matrix.high: no priority for urgency \"low\"", config.detail)
        assertEquals("matrix.high", config.document.path)
    }
}
