using System.Globalization;
using FragmentPS.Emulator.Http;

namespace FragmentPS.Emulator.Admin
{
    /// <summary>The refusal when the admin routes (seed, tasks) would fill the store past <see cref="EmulatorOptions.MaxAdminTasks"/>.</summary>
    internal static class StoreCap
    {
        /// <summary>The 422 when adding <paramref name="adding"/> tasks to <paramref name="current"/> would pass <paramref name="cap"/>.</summary>
        public static ApiResult? Refuse(int cap, int current, long adding)
        {
            if (current + adding <= cap) return null;
            return ApiResult.Detail(422, string.Format(CultureInfo.InvariantCulture,
                "Adding {0} tasks to the {1} in the store would pass the emulator's cap of {2} tasks; reset it first (POST /_emulator/reset)",
                adding, current, cap));
        }
    }
}
