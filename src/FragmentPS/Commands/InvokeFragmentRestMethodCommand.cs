using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using FragmentPS.Core;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Http;
using FragmentPS.Core.Models;
using FragmentPS.Errors;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>
    /// Calls any API path with the session's auth, limiter, retries and errors. With -All, follows the pages of
    /// a listing and streams the items of every page.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "FragmentRestMethod", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeFragmentRestMethodCommand : FragmentCmdlet
    {
        [Parameter]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE")]
        public string Method { get; set; } = "GET";

        /// <summary>The path below the base URI, e.g. /tasks or tasks/{uid}/comments.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.RestPathCompleter))]
        public string Path { get; set; } = string.Empty;

        /// <summary>The body: a hashtable or object (sent as JSON) or a JSON string.</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? Body { get; set; }

        [Parameter]
        public IDictionary? Query { get; set; }

        /// <summary>Follow meta.next_cursor and write the items of every page.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            string path = Path.Trim().TrimStart('/');
            string? json;
            List<KeyValuePair<string, string>> query;
            try
            {
                json = Body switch
                {
                    null => null,
                    string s => s,
                    PSObject { BaseObject: string s2 } => s2,
                    _ => PSJson.ToNode(Body, "body")?.ToJsonString(),
                };
                query = new List<KeyValuePair<string, string>>();
                if (Query != null)
                {
                    foreach (DictionaryEntry entry in Query)
                    {
                        string key = entry.Key?.ToString() ?? string.Empty;
                        if (key.Trim().Length == 0)
                            throw new InputRefusedException(ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, "A key of -Query is empty; give parameter names such as 'limit' or 'status'.");
                        foreach (var value in FilterValues.ToText(entry.Value, key))
                            query.Add(new KeyValuePair<string, string>(key, value));
                    }
                }
            }
            catch (FieldValueException ex)
            {
                WriteError(ErrorMapper.Refused(ErrorIds.InvalidFieldValue, ErrorCategory.InvalidArgument, ex.Message, Body));
                return;
            }
            catch (InputRefusedException ex)
            {
                WriteError(ex.ToErrorRecord(Query));
                return;
            }

            string description;
            try { description = DescribeRequest(Method, path, json); }
            catch (FragmentApiException ex) { WriteApiError(ex, Path); return; }
            if (Method != "GET" && !ShouldProcess(description, "Invoke")) return;

            var request = new ApiRequest(Method, path, json).WithQuery(query);
            try
            {
                if (All)
                {
                    foreach (var item in Enumerate(Client.SendPaged(request))) WriteObject(PSJson.ToPSObject(item));
                    return;
                }
                JsonElement answer = RunSync(ct => Client.SendAsync(request, ct));
                if (answer.ValueKind != JsonValueKind.Undefined) WriteObject(PSJson.ToPSObject(answer), enumerateCollection: false);
            }
            catch (FragmentApiException ex)
            {
                WriteApiError(ex, request.ToString());
            }
        }
    }
}
