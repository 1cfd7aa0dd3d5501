using System.Threading.Tasks;
using FragmentPS.Emulator.Auth;
using FragmentPS.Emulator.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace FragmentPS.Emulator.Http
{
    internal delegate Task<ApiResult> ApiHandler(HttpContext http);
}
