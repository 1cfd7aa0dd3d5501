using System;
using System.Collections.Generic;
using System.Linq;
using FragmentPS.Core;
using FragmentPS.Core.Errors;

namespace FragmentPS.Internal
{
    /// <summary>
    /// -ExternalId on the cmdlets that reach a task: the same uid New-FragmentTask -ExternalId created it under
    /// (<see cref="Uids.FromExternalId"/>), and the parameter-set names and CSV column alias they share.
    /// </summary>
    internal static class ExternalIds
    {
        public const string UidSet = "ByUid";
        public const string ExternalIdSet = "ByExternalId";

        /// <summary>The API's spelling, so a CSV column named external_id binds by property name.</summary>
        public const string ColumnAlias = "external_id";

        public static Guid ToUid(string externalId) => Uids.FromExternalId(externalId);

        /// <summary>The tasks a command reaches: by external id when given (each with its uid), else by uid.</summary>
        public static IEnumerable<(Guid Uid, string? ExternalId)> Targets(Guid[] uids, string[]? externalIds) =>
            externalIds != null
                ? externalIds.Select(id => (ToUid(id), (string?)id))
                : uids.Select(uid => (uid, (string?)null));

        /// <summary>How messages name the task: its external id too, when it was reached by one.</summary>
        public static string Describe(Guid uid, string? externalId) =>
            externalId == null ? uid.ToString() : $"{uid} (external id '{externalId}')";

        /// <summary>A 404 for a task reached by external id says which id, and that no task was created with it.</summary>
        public static FragmentApiException Explain(FragmentApiException ex, Guid uid, string? externalId) =>
            externalId != null && ex.Kind == FragmentErrorKind.NotFound
                ? ex.WithMessage($"No task was created with external id '{externalId}' (uid {uid}): {ex.Message}")
                : ex;
    }
}
