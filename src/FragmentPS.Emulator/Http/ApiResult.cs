using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Validation;

namespace FragmentPS.Emulator.Http
{
    /// <summary>
    /// An answer before it is written: status, JSON body, and the headers some errors carry. Handlers return one,
    /// so the pipeline can still drop or truncate it (faults) after the request was processed.
    /// </summary>
    internal readonly record struct ApiResult(int Status, byte[] Body, int? RetryAfterSeconds = null, bool BearerChallenge = false)
    {
        public static ApiResult Ok(byte[] body) => new ApiResult(200, body);

        public static ApiResult Detail(int status, string message, int? retryAfterSeconds = null) =>
            new ApiResult(status, JsonBodies.Detail(message), retryAfterSeconds);

        public static ApiResult Invalid(ValidationErrors errors) => new ApiResult(422, JsonBodies.Validation(errors.All));

        public static ApiResult NotFound(string message = "Not Found") => Detail(404, message);

        public static ApiResult Unauthorized(string message) => new ApiResult(401, JsonBodies.Detail(message), BearerChallenge: true);
    }
}
