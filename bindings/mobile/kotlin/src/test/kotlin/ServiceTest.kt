package itsm

import com.google.gson.JsonParser
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class ServiceTest {
    @Test
    fun `the README example`() {
        val graph = ServiceGraph.fromJson("""{"items": [{"id": "payroll", "kind": "business_service"}, {"id": "db-1"}, {"id": "db-2"}],
            "groups": [{"id": "db", "members": ["db-1", "db-2"], "min_up": 1}],
            "relations": [{"from": "payroll", "kind": "depends_on", "to": "db"}]}""")
        graph.apply("""{"add_item": {"id": "mail", "kind": "business_service"}}""")
        val impact: String = graph.impactJson("""{"failures": [{"item": "db-1"}]}""") // the core's JSON
        println(impact.substringAfter("\"counts\":").substringBefore("}")) // {"items_degraded":1,"items_down":1,"services_degraded":1,"services_down":0,"services_operational":1
        val counts = JsonParser.parseString(impact).asJsonObject.getAsJsonObject("counts")
        assertEquals(1, counts.get("services_degraded").asInt)
        assertEquals(1, counts.get("services_operational").asInt)
        assertEquals(5UL, graph.size())
    }

    @Test
    fun `refused changes name the field and change nothing`() {
        val graph = ServiceGraph.fromJson("""{"items": [{"id": "a"}, {"id": "b"}], "relations": [{"from": "a", "kind": "depends_on", "to": "b"}]}""")
        val before = graph.toJson()
        val cycle = assertFailsWith<ItsmException> { graph.apply("""{"add_relation": {"from": "b", "kind": "runs_on", "to": "a"}}""") }
        assertEquals("invalid_input", cycle.kindCode)
        assertEquals("add_relation: closes a cycle along which impact flows: a -> b -> a", cycle.errorDetail)
        assertEquals(before, graph.toJson())
        val unknown = assertFailsWith<ItsmException> { graph.impactJson("""{"failures": [{"item": "zz"}]}""") }
        assertEquals("failures[0].item: unknown item \"zz\"", unknown.errorDetail)
        val bad = assertFailsWith<ItsmException> { ServiceGraph.fromJson("""{"items": [{"id": "a"}, {"id": "a"}]}""") }
        assertEquals("invalid_config", bad.kindCode)
        assertEquals(0UL, ServiceGraph().size())
    }
}
