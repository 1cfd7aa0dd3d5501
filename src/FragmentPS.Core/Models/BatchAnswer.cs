using System;
using System.Collections.Generic;
using System.Text.Json;
using FragmentPS.Core.Errors;

namespace FragmentPS.Core.Models
{
    /// <summary>The answer to POST, PUT and PATCH /tasks/batch: <c>{"items": [...]}</c>, the tasks in the order sent [SPEC].</summary>
    internal sealed class BatchAnswer
    {
        public List<TaskRecord>? Items { get; set; }

        /// <summary>
        /// The answer's tasks. An answer without items, or with more than were sent, is refused whole (asking again
        /// would not change it); one that is not whole JSON of this shape is a broken body, retried as such.
        /// </summary>
        public static List<TaskRecord> Parse(ReadOnlyMemory<byte> body, int sent)
        {
            var items = JsonSerializer.Deserialize(body.Span, FragmentJsonContext.Default.BatchAnswer)?.Items
                ?? throw new FragmentApiException(FragmentErrorKind.InvalidResponse, "The answer is not a batch answer: it has no 'items' array.");
            if (items.Count > sent)
                throw new FragmentApiException(FragmentErrorKind.InvalidResponse, $"The batch answer holds more than the {sent} items sent; it was refused.");
            if (items.Contains(null!)) throw new JsonException("An item of the batch answer is JSON null.");
            return items;
        }
    }
}
