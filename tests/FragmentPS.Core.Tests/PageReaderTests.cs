using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Models;
using Xunit;

namespace FragmentPS.Core.Tests
{
    /// <summary>How a page's body is read: meta first (from the tail when it can be), items as they are used.</summary>
    public sealed class PageReaderTests
    {
        private static string Task(int n, string extraFields = "") =>
            $"{{\"uid\":\"{new Guid(n, 0, 0, new byte[8])}\",\"status\":\"TODO\",\"fields\":{{\"title\":\"Task {n}\"{extraFields}}},\"created_at\":\"2026-11-29T09:00:00Z\",\"work_time\":{n}}}";

        private static string Meta(string? next, int total) =>
            $"{{\"limit\":100,\"next_cursor\":{(next == null ? "null" : "\"" + next + "\"")},\"total_count\":{total}}}";

        private static Page<TaskRecord> Read(string json) => TaskReader.ReadPage(Encoding.UTF8.GetBytes(json), 0);

        [Fact]
        public void Items_first_then_meta_gives_the_meta_and_every_item()
        {
            var page = Read($"{{\"items\":[{Task(1)},{Task(2)},{Task(3)}],\"meta\":{Meta("c2", 7)}}}");
            Assert.Equal("c2", page.Meta.NextCursor);
            Assert.Equal(7, page.Meta.TotalCount);
            Assert.Equal(new[] { "Task 1", "Task 2", "Task 3" }, page.Items.Select(t => t.Fields!["title"].GetString()));
            Assert.Equal(3, page.Items.Count);
            Assert.Equal(2, page.Items[1].Extra!["work_time"].GetInt32());
        }

        [Fact]
        public void Meta_before_items_and_white_space_are_read_the_same()
        {
            var page = Read($" {{ \"meta\" : {Meta("c9", 2)} ,\n \"items\" : [ {Task(1)} , {Task(2)} ] }} \n");
            Assert.Equal("c9", page.Meta.NextCursor);
            Assert.Equal(2, page.Items.Count);
            Assert.False(page.HasItemAt(2));
        }

        [Fact]
        public void A_custom_field_named_meta_in_the_last_item_is_not_taken_for_the_page_meta()
        {
            // Meta first, and the last item ends with a field "meta" holding an object: the tail looks like
            // `"meta":{...}}]}` and must not be read as the page's meta.
            string sneaky = ",\"meta\":{\"next_cursor\":\"evil\",\"total_count\":1}";
            var page = Read($"{{\"meta\":{Meta("good", 2)},\"items\":[{Task(1)},{Task(2, sneaky)}]}}");
            Assert.Equal("good", page.Meta.NextCursor);
            Assert.Equal(2, page.Items.Count);
        }

        [Fact]
        public void An_escaped_quote_before_meta_is_not_a_key()
        {
            var page = Read($"{{\"meta\":{Meta("good", 1)},\"items\":[{Task(1, ",\"x\":\"\\\"meta\\\":{}\"")}]}}");
            Assert.Equal("good", page.Meta.NextCursor);
            Assert.Single(page.Items);
        }

        [Fact]
        public void A_task_keeps_its_own_text_not_the_page()
        {
            // Kept tasks must not pin their ~100 KB page: each holds a copy of its own text.
            byte[] body = Encoding.UTF8.GetBytes($"{{\"items\":[{Task(1)},{Task(2)}],\"meta\":{Meta(null, 2)}}}");
            var task = TaskReader.ReadPage(body, 0).Items[1];
            Array.Fill(body, (byte)' ');
            Assert.Equal(2, task.Extra!["work_time"].GetInt32());
            Assert.Equal("Task 2", task.Fields!["title"].GetString());
        }

        [Fact]
        public void A_pooled_body_is_read_within_its_length_and_handed_back_once_scanned()
        {
            string json = $"{{\"items\":[{Task(1)},{Task(2)}],\"meta\":{Meta("next", 2)}}}";
            byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(json.Length + 64);
            int length = Encoding.UTF8.GetBytes(json, 0, json.Length, buffer, 0);
            buffer.AsSpan(length).Fill((byte)'x'); // what lies past the body must never be read
            var body = new FragmentPS.Core.Http.ResponseBody(buffer, length);

            var page = TaskReader.ReadPage(body, 0);
            Assert.Equal("next", page.Meta.NextCursor);
            Assert.Throws<ObjectDisposedException>(() => body.Span.Length); // the page took the buffer
            Assert.Equal(new[] { "Task 1", "Task 2" }, page.Items.Select(t => t.Fields!["title"].GetString()));
            Assert.False(page.HasItemAt(2));
            // Scanned to the end (the buffer is back in the pool): each task reads from its own text.
            Assert.Equal(2, page.Items[1].Extra!["work_time"].GetInt32());
        }

        [Fact]
        public void A_pooled_body_that_is_not_read_item_by_item_is_copied()
        {
            // meta first: not readable from the tail, so the page is read whole, from a copy.
            string json = $"{{\"meta\":{Meta(null, 1)},\"items\":[{Task(1)}]}}";
            byte[] buffer = Encoding.UTF8.GetBytes(json);
            var body = new FragmentPS.Core.Http.ResponseBody(buffer, buffer.Length);
            var page = TaskReader.ReadPage(body, 0);
            Assert.Equal(json.Length, body.Span.Length); // still the transport's, to give back
            Assert.Single(page.Items);
        }

        [Fact]
        public void Items_are_found_one_at_a_time()
        {
            var page = Read($"{{\"items\":[{Task(1)},{Task(2)},{Task(3)}],\"meta\":{Meta(null, 3)}}}");
            Assert.True(page.HasItemAt(0));
            Assert.Equal(new Guid(1, 0, 0, new byte[8]), page.Items[0].Uid);
            Assert.True(page.HasItemAt(2));
            Assert.False(page.HasItemAt(3));
        }

        [Theory]
        [InlineData(40)]
        [InlineData(250)]
        [InlineData(-1)] // cut just after the first item: the text ends with a closing brace
        public void A_truncated_body_fails_at_once_so_the_transport_can_retry_it(int keep)
        {
            string whole = $"{{\"items\":[{Task(1)},{Task(2)}],\"meta\":{Meta("c", 2)}}}";
            if (keep < 0) keep = ("{\"items\":[" + Task(1)).Length;
            Assert.ThrowsAny<JsonException>(() => Read(whole.Substring(0, keep)));
        }

        [Fact]
        public void A_body_broken_inside_the_items_fails_when_the_consumer_reaches_it()
        {
            // The tail is whole, so the meta is taken from it; the break is found by the consumer's scan.
            var page = Read($"{{\"items\":[{Task(1)},{{\"uid\":\"{Guid.Empty}\" \"status\":1}}],\"meta\":{Meta("c", 2)}}}");
            Assert.True(page.HasItemAt(0));
            var ex = Assert.Throws<FragmentApiException>(() => page.HasItemAt(1));
            Assert.Equal(FragmentErrorKind.InvalidResponse, ex.Kind);
        }

        [Theory]
        [InlineData("[{0},{1}]")]            // no more than one item... then a missing comma
        [InlineData("[{0},{1},]")]          // a trailing comma
        public void Broken_framing_between_items_fails_the_page(string items)
        {
            string framed = items.Replace("{0}", Task(1)).Replace("{1}", Task(2));
            if (framed.Contains("},{") && items == "[{0},{1}]") framed = framed.Replace("},{", "} {");
            var page = Read($"{{\"items\":{framed},\"meta\":{Meta(null, 2)}}}");
            var ex = Assert.Throws<FragmentApiException>(() => page.Items.Count);
            Assert.Equal(FragmentErrorKind.InvalidResponse, ex.Kind);
        }

        /// <summary>A task with every modelled key first, as the API sends it, then <paramref name="rest"/> (JSON members).</summary>
        private static string FullTask(int n, string rest)
        {
            var task = new System.Text.Json.Nodes.JsonObject
            {
                ["uid"] = new Guid(n, 0, 0, new byte[8]).ToString(),
                ["archived"] = false,
                ["status"] = "TODO",
                ["fields"] = new System.Text.Json.Nodes.JsonObject { ["title"] = $"Task {n}" },
            };
            foreach (var key in new[] { "due_at", "created_at", "updated_at", "started_at", "done_at", "assigned_at", "snooze_expires_at", "queue_uid", "assignee_uid", "case_uid", "parent_uid" })
                task[key] = null;
            string json = task.ToJsonString();
            return json.Substring(0, json.Length - 1) + rest + "}";
        }

        [Fact]
        public void Keys_a_task_does_not_model_are_checked_when_they_are_read()
        {
            // The page's framing is whole, so the page reads; a broken value among the other keys (found by
            // their brackets only) shows when AdditionalProperties (Extra) is read.
            var page = Read($"{{\"items\":[{FullTask(1, ",\"work_time\":1x")}],\"meta\":{Meta(null, 1)}}}");
            var task = page.Items[0];
            Assert.Equal("Task 1", task.Fields!["title"].GetString());
            Assert.ThrowsAny<JsonException>(() => task.Extra);
        }

        [Fact]
        public void Strings_with_brackets_quotes_and_escapes_do_not_confuse_the_scan()
        {
            var odd = new System.Text.Json.Nodes.JsonObject
            {
                ["note"] = "}]] \" {[[ \\",
                ["nested"] = System.Text.Json.Nodes.JsonNode.Parse("{\"a\":[1,{\"b\":\"]\"}]}"),
            };
            string members = odd.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Assert.Contains("\\\"", members); // the text has an escaped quote, and an escaped backslash
            string rest = "," + members.Substring(1, members.Length - 2);
            var page = Read($"{{\"items\":[{FullTask(1, rest)},{FullTask(2, rest)}],\"meta\":{Meta(null, 2)}}}");
            Assert.Equal(2, page.Items.Count);
            Assert.Equal("}]] \" {[[ \\", page.Items[0].Extra!["note"].GetString());
            Assert.Equal("]", page.Items[1].Extra!["nested"].GetProperty("a")[1].GetProperty("b").GetString());
        }

        [Fact]
        public void One_bad_item_fails_alone()
        {
            var page = Read($"{{\"items\":[{Task(1)},{{\"uid\":\"not-a-guid\"}},{Task(3)}],\"meta\":{Meta(null, 3)}}}");
            Assert.Equal(3, page.Items.Count);
            var ex = Assert.Throws<FragmentApiException>(() => page.Items[1]);
            Assert.Equal(FragmentErrorKind.InvalidResponse, ex.Kind);
            Assert.Contains("Item 2", ex.Message);
            Assert.Equal("Task 3", page.Items[2].Fields!["title"].GetString());
        }

        [Fact]
        public void Duplicate_meta_keys_take_the_last_as_any_json_reader_does()
        {
            var page = Read($"{{\"meta\":{Meta("first", 1)},\"items\":[{Task(1)}],\"meta\":{Meta("second", 1)}}}");
            // The last key wins, as with any JSON reader, and the full scan agrees.
            Assert.Equal("second", page.Meta.NextCursor);
            Assert.Single(page.Items);
        }

        [Fact]
        public void A_task_keeps_unread_keys_and_unexpected_shapes_are_skipped()
        {
            var record = TaskReader.ReadTask(Encoding.UTF8.GetBytes(
                "{\"status\":{\"odd\":[1,2]},\"uid\":\"00000001-0000-0000-0000-000000000000\",\"due_at\":[\"x\"],\"fields\":{\"country\":\"FR\"},\"skills\":[\"a\"]}"));
            Assert.Null(record.Status);
            Assert.Null(record.DueAt);
            Assert.Equal("FR", record.Fields!["country"].GetString());
            Assert.Equal("a", record.Extra!["skills"][0].GetString());
            Assert.ThrowsAny<JsonException>(() => TaskReader.ReadTask(Encoding.UTF8.GetBytes("{\"uid\":\"00000001-0000-0000-0000-000000000000\"} x")));
        }
    }
}
