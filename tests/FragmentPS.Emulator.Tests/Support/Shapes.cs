using System;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace FragmentPS.Emulator.Tests.Support
{
    /// <summary>What the contract says every answer looks like.</summary>
    public static class Shapes
    {
        /// <summary>Every key of the task response (contract section 3), in its order.</summary>
        public static readonly string[] TaskKeys =
        {
            "uid", "archived", "status", "fields", "due_at", "created_at", "updated_at", "started_at", "done_at",
            "assigned_at", "snooze_expires_at", "queue_uid", "assignee_uid", "case_uid", "parent_uid",
            "metadata_form_uid", "external_assignee_uid", "skills", "participants", "legacy_data", "form_data",
            "form_type", "review_status", "task_type", "external_status", "external_created_at",
            "external_updated_at", "external_status_updated_at", "sla_breach_at", "played_at", "is_assigned_player",
            "num_children", "num_children_done", "queue_time", "queue_time_business", "work_time",
            "work_time_business", "wait_time", "wait_time_business", "resolution_time", "resolution_time_business",
            "assignee",
            // The six the reference's list sample adds (with one _business twin).
            "internal_created_at", "internal_updated_at", "sla_breach_business_at", "assignee_updated_by",
            "queue_updated_by", "incremental_work_time", "incremental_work_time_business",
        };

        public static readonly string[] UserKeys =
        {
            "uid", "email", "first_name", "last_name", "role", "archived", "skills", "created_at", "updated_at", "is_registered",
        };

        private static readonly Regex IsoDate = new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$");

        public static void AssertDate(JsonElement value)
        {
            Assert.Equal(JsonValueKind.String, value.ValueKind);
            Assert.Matches(IsoDate, value.GetString()!);
        }

        public static DateTime Date(JsonElement task, string key) =>
            DateTime.Parse(task.GetProperty(key).GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

        public static string Uid(JsonElement task) => task.GetProperty("uid").GetString()!;

        public static void AssertKeys(JsonElement obj, string[] keys) =>
            Assert.Equal(keys, obj.EnumerateObject().Select(p => p.Name).ToArray());

        /// <summary>A 422 body has an entry of <paramref name="type"/> at <paramref name="loc"/>.</summary>
        public static void AssertInvalid(Reply reply, string type, params object[] loc)
        {
            Assert.True(reply.Code == 422, "expected 422, got " + reply);
            string wanted = JsonSerializer.Serialize(loc);
            bool found = reply.Json.GetProperty("detail").EnumerateArray().Any(e =>
                e.GetProperty("loc").GetRawText().Replace(" ", "") == wanted &&
                e.GetProperty("type").GetString() == type &&
                e.TryGetProperty("msg", out JsonElement msg) && msg.GetString()!.Length > 0 &&
                e.TryGetProperty("input", out _));
            Assert.True(found, $"no '{type}' entry at {wanted} in {reply.Body}");
        }

        /// <summary>An error answer: the status and a <c>{"detail": "..."}</c> body.</summary>
        public static void AssertDetail(Reply reply, int status)
        {
            Assert.True(reply.Code == status, $"expected {status}, got {reply}");
            Assert.Equal(JsonValueKind.String, reply.Json.GetProperty("detail").ValueKind);
            Assert.NotEmpty(reply.Json.GetProperty("detail").GetString()!);
        }
    }
}
