using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FragmentPS.Emulator
{
    /// <summary>
    /// A running Fragment API emulator on Kestrel. Start one in-process with <see cref="StartAsync"/> (tests,
    /// benchmarks) or from the command line; <see cref="DisposeAsync"/> stops it.
    /// </summary>
    public sealed class EmulatorServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _disposed;

        private EmulatorServer(WebApplication app, Uri rootUri, string adminKey)
        {
            _app = app;
            AdminKey = adminKey;
            RootUri = rootUri;
            BaseUri = new Uri(rootUri, Routes.ApiPrefix.TrimStart('/'));
        }

        /// <summary>The API's base: http://127.0.0.1:&lt;port&gt;/api/v1 (no trailing slash, as the contract writes it).</summary>
        public Uri BaseUri { get; }

        /// <summary>The server root, http://127.0.0.1:&lt;port&gt;/, under which /_emulator/ lives.</summary>
        public Uri RootUri { get; }

        /// <summary>What every /_emulator/ request must send in the X-Fragment-Emulator-Key header.</summary>
        public string AdminKey { get; }

        /// <summary>Starts an emulator; when this returns it accepts requests. Throws ArgumentException for bad options.</summary>
        public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(options);
            IPAddress address = options.Validate();
            var state = new EmulatorState(options);

            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                Args = Array.Empty<string>(),
                ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            });
            // Standard output carries exactly one line (the address); anything worth saying goes to stderr.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // A failed start (a port in use, say) throws from StartAsync, and its caller says it in one line; the
            // host's own log of it is thirty lines of stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            // Signals are the command line's business (Program); an in-process emulator must not take them.
            builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = null; // the 413 with a JSON detail is RequestBody's job
                kestrel.Listen(address, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
            });

            WebApplication app = builder.Build();
            var pipeline = new ApiPipeline(state, app.Logger, app.Lifetime.ApplicationStopping);
            Routes.Map(app, state, pipeline);
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            int port = new Uri(app.Urls.First()).Port; // the port Kestrel bound, also when asked for 0
            return new EmulatorServer(app, new Uri($"http://{ClientHost(address)}:{port}/"), state.AdminKey);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        /// <summary>The host a client on this machine dials: loopback for a wildcard bind, brackets for IPv6.</summary>
        private static string ClientHost(IPAddress bound)
        {
            if (bound.Equals(IPAddress.Any)) return "127.0.0.1";
            if (bound.Equals(IPAddress.IPv6Any)) return "[::1]";
            return bound.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bound}]" : bound.ToString();
        }

        /// <summary>A host lifetime that neither prints start-up lines nor hooks Ctrl+C and SIGTERM.</summary>
        private sealed class QuietLifetime : IHostLifetime
        {
            public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
    }
}
