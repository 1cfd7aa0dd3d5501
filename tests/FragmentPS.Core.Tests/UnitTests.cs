using System;
using System.Linq;
using System.Text;
using FragmentPS.Core.Http;
using FragmentPS.Core.Resilience;
using Xunit;

namespace FragmentPS.Core.Tests
{
    public sealed class UnitTests
    {
        [Fact]
        public void Uid_from_external_id_reads_the_md5_hex_in_order()
        {
            // MD5("hello") = 5d41402abc4b2a76b9719d911017c592
            Assert.Equal(Guid.Parse("5d41402a-bc4b-2a76-b971-9d911017c592"), Uids.FromExternalId("hello"));
        }

        [Theory]
        [InlineData("GET", AttemptFailure.Status, 503, true, true)]
        [InlineData("GET", AttemptFailure.Status, 500, true, false)]
        [InlineData("PUT", AttemptFailure.ConnectionBroken, 0, true, true)]
        [InlineData("PATCH", AttemptFailure.Timeout, 0, true, true)]
        [InlineData("PATCH", AttemptFailure.Timeout, 0, false, true)]
        [InlineData("DELETE", AttemptFailure.Status, 504, true, true)]
        [InlineData("POST", AttemptFailure.Status, 503, true, false)]
        [InlineData("POST", AttemptFailure.Status, 429, true, true)]
        [InlineData("POST", AttemptFailure.ConnectFailed, 0, true, true)]
        [InlineData("GET", AttemptFailure.ConnectFailed, 0, true, true)]
        [InlineData("GET", AttemptFailure.ConnectFailed, 0, false, false)]
        [InlineData("POST", AttemptFailure.ConnectFailed, 0, false, false)]
        [InlineData("POST", AttemptFailure.ConnectionBroken, 0, true, false)]
        [InlineData("POST", AttemptFailure.BrokenBody, 200, true, false)]
        [InlineData("GET", AttemptFailure.Status, 404, true, false)]
        public void Retry_table(string method, AttemptFailure failure, int status, bool serverAnsweredBefore, bool retried) =>
            Assert.Equal(retried, RetryTable.ShouldRetry(method, failure, status, serverAnsweredBefore));

        [Fact]
        public void Backoff_grows_and_never_undercuts_retry_after()
        {
            var options = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8) };
            var random = new Random(1);
            for (int retry = 0; retry < 6; retry++)
            {
                var wait = RetryTable.Backoff(options, retry, null, random);
                double full = Math.Min(Math.Pow(2, retry), 8);
                Assert.InRange(wait.TotalSeconds, full / 2, full);
            }
            Assert.Equal(TimeSpan.FromSeconds(30), RetryTable.Backoff(options, 0, TimeSpan.FromSeconds(30), random));
        }

        [Fact]
        public void Retry_after_reads_seconds_and_http_dates()
        {
            Assert.Equal(TimeSpan.FromSeconds(7), FragmentTransport.ParseRetryAfter("7"));
            var date = DateTimeOffset.UtcNow.AddSeconds(30).ToString("r");
            var wait = FragmentTransport.ParseRetryAfter(date)!.Value;
            Assert.InRange(wait.TotalSeconds, 25, 31);
            Assert.Null(FragmentTransport.ParseRetryAfter("soon"));
        }

        [Fact]
        public void Error_bodies_of_both_shapes_become_one_message_naming_the_field()
        {
            var (detail, field) = ApiErrorParser.Parse(Encoding.UTF8.GetBytes("{\"detail\":\"Task not found\"}"), s => s);
            Assert.Equal("Task not found", detail);
            Assert.Null(field);
            (detail, field) = ApiErrorParser.Parse(Encoding.UTF8.GetBytes(
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"fields\",\"title\"],\"msg\":\"Field required\",\"input\":{}}]}"), s => s);
            Assert.Equal("fields.title: Field required", detail);
            Assert.Equal("fields.title", field);
        }

        [Theory]
        [InlineData("{\"detail\":\"items[3]: Task 5f0c not found\"}", "3")]
        [InlineData("{\"detail\":[{\"loc\":[\"body\",\"items\",4,\"assignee_email\"],\"msg\":\"bad\"},{\"loc\":[\"body\",\"items\",1,\"fields\"],\"msg\":\"bad\"}]}", "1,4")]
        [InlineData("{\"detail\":[{\"loc\":[\"body\",\"items\",2],\"msg\":\"bad\"},{\"loc\":[\"body\",\"items\"],\"msg\":\"too long\"}]}", null)]
        [InlineData("{\"detail\":\"Token has been revoked\"}", null)]
        [InlineData("not json", null)]
        public void A_batch_refusal_names_its_items_or_the_whole_call(string body, string? expected)
        {
            var indexes = ApiErrorParser.ItemIndexes(Encoding.UTF8.GetBytes(body));
            Assert.Equal(expected, indexes == null ? null : string.Join(",", indexes));
        }

        [Fact]
        public void A_create_under_its_own_uid_is_retried_like_put_and_a_plain_post_is_not()
        {
            Assert.True(new ApiRequest("PUT", "tasks/x").RepeatSafe);
            Assert.False(new ApiRequest("POST", "tasks").RepeatSafe);
            Assert.True(RetryTable.ShouldRetry(repeatSafe: true, AttemptFailure.ConnectionBroken, 0, serverAnsweredBefore: true));
            Assert.True(RetryTable.ShouldRetry(repeatSafe: true, AttemptFailure.Status, 503, serverAnsweredBefore: true));
            Assert.False(RetryTable.ShouldRetry(repeatSafe: false, AttemptFailure.BrokenBody, 200, serverAnsweredBefore: true));
        }

        [Fact]
        public void A_stored_task_matches_a_create_on_the_keys_it_sends_only()
        {
            var asked = new Models.TaskWrite { Uid = Guid.NewGuid(), DueAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) };
            asked.Fields["title"] = "Call back";
            asked.Fields["n"] = 2;
            asked.Other["queue_uid"] = "5F0C3A2E-0000-4000-8000-000000000001";
            Models.TaskRecord Stored(string json) => System.Text.Json.JsonSerializer.Deserialize(json, Models.FragmentJsonContext.Default.TaskRecord)!;
            var same = Stored("{\"status\":\"DONE\",\"due_at\":\"2030-01-01T00:00:00Z\",\"queue_uid\":\"5f0c3a2e-0000-4000-8000-000000000001\",\"fields\":{\"title\":\"Call back\",\"n\":2.0,\"other\":1}}");
            Assert.Empty(Models.StoredTaskMatch.Differences(asked, same));
            var renamed = Stored("{\"due_at\":\"2030-01-02T00:00:00.000Z\",\"queue_uid\":null,\"fields\":{\"title\":\"Renamed\",\"n\":2}}");
            Assert.Equal(new[] { "due_at", "queue_uid", "fields.title" }, Models.StoredTaskMatch.Differences(asked, renamed));
        }

        [Fact]
        public void Query_parameters_are_spelled_as_the_contract_decides()
        {
            var query = new TaskQuery { PageSize = 7, SortBy = TaskSortField.DueAt, Descending = true, Archived = false,
                CreatedAfter = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero) };
            query.Statuses.Add("TODO");
            query.Statuses.Add("DONE");
            query.Fields["country"] = new System.Collections.Generic.List<string> { "FR", "DE" };
            var pairs = query.ToQueryParameters().Select(p => p.Key + "=" + p.Value).ToList();
            Assert.Equal(new[] { "limit=7", "status=TODO", "status=DONE", "archived=false", "created_at_after=2025-01-02T03:04:05.000Z",
                "order_by=-due_at", "fields.country=FR", "fields.country=DE" }, pairs);
        }

        [Fact]
        public void Plain_http_to_a_remote_host_is_refused_unless_allowed()
        {
            var options = new FragmentClientOptions { BaseUri = new Uri("http://api.example.com/api/v1") };
            var ex = Assert.Throws<Errors.FragmentApiException>(() => options.Validate());
            Assert.Contains("-AllowUnencryptedAuthentication", ex.Message);
            options.AllowUnencryptedAuthentication = true;
            options.Validate();
            new FragmentClientOptions { BaseUri = new Uri("http://127.0.0.1:5000/api/v1") }.Validate();
            new FragmentClientOptions { BaseUri = new Uri("http://localhost:5000/api/v1") }.Validate();
        }
    }
}
