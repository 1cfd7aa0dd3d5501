using System;

namespace FragmentPS.Core
{
    /// <summary>The API's paths, relative to the base URI.</summary>
    public static class ApiRoutes
    {
        public const string AccountMe = "accounts/me";
        public const string Tasks = "tasks";
        public const string TasksBatch = "tasks/batch";

        public static string Task(Guid uid) => "tasks/" + uid.ToString("D");
        public static string Comments(Guid taskUid) => "tasks/" + taskUid.ToString("D") + "/comments";
    }
}
