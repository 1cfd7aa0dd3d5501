using System;

namespace FragmentPS.Emulator.Store
{
    /// <summary>A write in progress: every change it makes becomes visible at once, as one new store version.</summary>
    internal interface ITaskWriter : ITaskReader
    {
        /// <summary>One "now" for the whole write (a batch's items share it).</summary>
        DateTime Now { get; }

        void Put(StoredTask record);
        bool Delete(Guid uid);
        void AddComment(Comment comment);
    }
}
