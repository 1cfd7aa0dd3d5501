using System.Collections.Generic;
using FragmentPS.Core.Errors;

namespace FragmentPS.Core.Writes
{
    /// <summary>The outcome of every input of a write, in input order.</summary>
    public sealed class TaskWriteResult
    {
        internal TaskWriteResult(IReadOnlyList<TaskWriteOutcome> items, FragmentApiException? stoppedBy)
        {
            Items = items;
            StoppedBy = stoppedBy;
        }

        public IReadOnlyList<TaskWriteOutcome> Items { get; }

        /// <summary>
        /// An error no input can get past (authentication, permission on the account, the transport gave up):
        /// the write stopped there, and the inputs not answered were not written (or, after a lost answer, not confirmed).
        /// </summary>
        public FragmentApiException? StoppedBy { get; }
    }
}
