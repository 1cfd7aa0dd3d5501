using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FragmentPS.Emulator.Http
{
    internal delegate Task<ApiResult> ApiHandler(HttpContext http);
}
