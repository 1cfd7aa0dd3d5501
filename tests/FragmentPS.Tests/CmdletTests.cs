using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;
using FragmentPS.Commands;
using FragmentPS.Emulator;
using Xunit;

namespace FragmentPS.Tests
{
    /// <summary>The cmdlets hosted in-process (net10.0 dependency set) against a real emulator.</summary>
    public sealed class CmdletTests : IAsyncLifetime
    {
        private const string Token = "cmdlet-tests-token";
        private EmulatorServer _server = null!;
        private Runspace _runspace = null!;

        public async Task InitializeAsync()
        {
            var options = new EmulatorOptions { Port = 0, RateLimitPerMinute = 0 };
            options.Tokens.Add(Token);
            _server = await EmulatorServer.StartAsync(options);
            var iss = InitialSessionState.CreateDefault2();
            foreach (var type in typeof(FragmentCmdlet).Assembly.GetTypes().Where(t => typeof(Cmdlet).IsAssignableFrom(t) && !t.IsAbstract))
            {
                var attr = (CmdletAttribute)Attribute.GetCustomAttribute(type, typeof(CmdletAttribute))!;
                iss.Commands.Add(new SessionStateCmdletEntry($"{attr.VerbName}-{attr.NounName}", type, null));
            }
            // What the manifest's TypesToProcess does for the module: custom fields as properties.
            iss.Types.Add(new SessionStateTypeEntry(System.IO.Path.Combine(AppContext.BaseDirectory, "FragmentPS.Types.ps1xml")));
            _runspace = RunspaceFactory.CreateRunspace(iss);
            _runspace.Open();
            Run("$t = ConvertTo-SecureString $args[0] -AsPlainText -Force; Connect-Fragment -BaseUri $args[1] -Token $t -RequestsPerMinute 0", Token, _server.BaseUri);
        }

        public async Task DisposeAsync()
        {
            _runspace.Dispose();
            await _server.DisposeAsync();
        }

        private Collection<PSObject> Run(string script, params object[] args) => Run(script, out _, args);

        private Collection<PSObject> Run(string script, out List<ErrorRecord> errors, params object[] args)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            foreach (var a in args) ps.AddArgument(a);
            var result = ps.Invoke();
            errors = ps.Streams.Error.ToList(); // copied: disposing the PowerShell clears its streams
            return result;
        }

        [Fact]
        public void New_then_get_round_trips_a_task_with_custom_fields()
        {
            var task = Run("New-FragmentTask -Title 'in process' -Field @{ country = 'FR' }").Single();
            var created = Assert.IsType<FragmentTask>(task.BaseObject);
            Assert.Equal("FR", created.Fields["country"]);
            Assert.Equal("FR", task.Properties["country"].Value);
            var again = Run("Get-FragmentTask -Uid $args[0]", created.Uid).Single();
            Assert.Equal("in process", ((FragmentTask)again.BaseObject).Title);
        }

        [Fact]
        public void A_search_streams_all_pages_and_first_stops_early()
        {
            Run("1..7 | ForEach-Object { [pscustomobject]@{ Title = \"page $_\"; Field = @{ batch = 'paging' } } } | New-FragmentTask | Out-Null");
            Assert.Equal(7, Run("Get-FragmentTask -Filter @{ batch = 'paging' } -PageSize 2").Count);
            Assert.Equal(3, Run("Get-FragmentTask -Filter @{ batch = 'paging' } -PageSize 2 -First 3").Count);
            Assert.Equal(2, Run("Get-FragmentTask -Filter @{ batch = 'paging' } -PageSize 2 -Skip 5").Count);
        }

        [Fact]
        public void One_bad_uid_in_a_pipeline_does_not_stop_the_others()
        {
            var good = (FragmentTask)Run("New-FragmentTask -Title 'good'").Single().BaseObject;
            var output = Run("$args | Get-FragmentTask", out var errors, good.Uid, Guid.NewGuid(), good.Uid);
            Assert.Equal(2, output.Count);
            var error = Assert.Single(errors);
            Assert.Equal("FragmentNotFound,FragmentPS.Commands.GetFragmentTaskCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        }

        [Fact]
        public void WhatIf_sends_nothing()
        {
            var before = Run("(Get-FragmentTask -Filter @{ kind = 'whatif' }).Count").Single().BaseObject;
            Run("New-FragmentTask -Title 'not created' -Field @{ kind = 'whatif' } -WhatIf");
            Assert.Equal(before, Run("(Get-FragmentTask -Filter @{ kind = 'whatif' }).Count").Single().BaseObject);
        }

        [Fact]
        public void Status_completion_offers_the_enum()
        {
            var completions = Run("(TabExpansion2 -inputScript 'Set-FragmentTask -Status ' -cursorColumn 25).CompletionMatches.CompletionText");
            Assert.Equal(new[] { "DONE", "STARTED", "TODO" }, completions.Select(c => c.ToString()).OrderBy(s => s));
        }
    }
}
