using FragmentPS.Core.Errors;
using FragmentPS.Core.Models;

namespace FragmentPS.Core.Writes
{
    /// <summary>What became of one input of a write: the task as the API answered, or the error for that input alone.</summary>
    public sealed class TaskWriteOutcome
    {
        public TaskWriteOutcome(TaskWrite write) => Write = write;

        public TaskWrite Write { get; }

        /// <summary>The task written, or (for a create) the task found already holding what was asked.</summary>
        public TaskRecord? Task { get; internal set; }

        /// <summary>Why this input was not written; the others are not concerned.</summary>
        public FragmentApiException? Error { get; internal set; }

        /// <summary>A create found its uid taken by a task that already holds what was asked (a retry, a rerun): nothing was written.</summary>
        public bool AlreadyHeld { get; internal set; }

        /// <summary>False when the write stopped (see <see cref="TaskWriteResult.StoppedBy"/>) before this input was answered.</summary>
        public bool IsAnswered => Task != null || Error != null;
    }
}
