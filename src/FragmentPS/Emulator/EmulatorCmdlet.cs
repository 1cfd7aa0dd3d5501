using System;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using FragmentPS.Emulator;
using FragmentPS.Errors;

namespace FragmentPS
{
    /// <summary>
    /// The base of the cmdlets that drive an emulator through its admin routes: finds the emulator (the one given,
    /// else the one the last Start-FragmentEmulator -Connect made), calls a route with its admin key, and turns
    /// a refusal into an ErrorRecord.
    /// </summary>
    public abstract class EmulatorCmdlet : FragmentCmdletBase
    {
        /// <summary>The emulator to drive; a terminating error with the fix when there is none or it stopped.</summary>
        internal FragmentEmulator ResolveEmulator(FragmentEmulator? given)
        {
            FragmentEmulator? emulator = given ?? EmulatorRegistry.Default;
            if (emulator == null)
            {
                ThrowTerminatingError(ErrorMapper.Refused(ErrorIds.NoEmulator, ErrorCategory.InvalidOperation,
                    "There is no default emulator. Pass one with -Emulator (or through the pipeline), or start one with Start-FragmentEmulator -Connect.",
                    null, "Run Start-FragmentEmulator -Connect, or pass -Emulator."));
            }
            if (emulator!.Admin == null)
            {
                ThrowTerminatingError(ErrorMapper.Refused(ErrorIds.NoEmulator, ErrorCategory.InvalidArgument,
                    "This emulator object was not made by Start-FragmentEmulator (it was built by hand or read back from a file), so it cannot be driven.",
                    emulator, "Use the object Start-FragmentEmulator returned."));
            }
            if (!emulator.IsRunning)
            {
                ThrowTerminatingError(ErrorMapper.Refused(ErrorIds.EmulatorNotRunning, ErrorCategory.ResourceUnavailable,
                    $"The emulator at {emulator.BaseUri} is not running (it was stopped, or its process ended).", emulator,
                    "Start a new one with Start-FragmentEmulator."));
            }
            return emulator;
        }

        /// <summary>Calls an admin route of <paramref name="emulator"/>; throws <see cref="EmulatorAdminException"/> when refused.</summary>
        internal JsonElement CallAdmin(FragmentEmulator emulator, HttpMethod method, string route, string? jsonBody = null) =>
            RunSync(ct => emulator.Admin!.SendAsync(method, route, jsonBody, ct));

        /// <summary>Calls an admin route; a refusal ends the command.</summary>
        internal JsonElement CallAdminOrStop(FragmentEmulator emulator, HttpMethod method, string route, string? jsonBody = null)
        {
            try
            {
                return CallAdmin(emulator, method, route, jsonBody);
            }
            catch (EmulatorAdminException ex)
            {
                ThrowTerminatingError(AdminError(ex, emulator));
                return default;
            }
        }

        internal static ErrorRecord AdminError(EmulatorAdminException ex, object? target) => ex.Status == 0
            ? ErrorMapper.Refused(ErrorIds.EmulatorNotRunning, ErrorCategory.ResourceUnavailable, ex.Message, target, "Start a new one with Start-FragmentEmulator.")
            : ErrorMapper.Refused(ErrorIds.EmulatorRefused, ErrorCategory.InvalidArgument, "The emulator refused the call: " + ex.Message, target);
    }
}
