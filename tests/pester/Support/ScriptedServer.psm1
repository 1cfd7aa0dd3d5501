# A small misbehaving HTTP server for tests: answers each "METHOD /path" with a scripted status, headers and body.
# It runs on 127.0.0.1 in a runspace of its own; the answers are data, so they cross runspaces safely.
# In a body or header value: {auth} is the request's Authorization header, {token} the bearer token alone,
# {token-escaped} the token with every character written as a JSON \u escape. An answer with Script (PowerShell
# text, given the request body as $args[0]) answers with what the script returns, for answers made from the request.

function Start-ScriptedServer {
    param(
        # @{ 'GET /api/v1/accounts/me' = @{ Status = 200; Headers = @{ 'X-Request-Id' = '{auth}' }; Body = '{"uid":...}' } }
        [Parameter(Mandatory)] [hashtable] $Answers
    )
    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
    $listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add("http://127.0.0.1:$port/")
    $listener.Start()
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
        param($listener, $answers)
        while ($listener.IsListening) {
            try { $context = $listener.GetContext() } catch { break }
            $request = $context.Request
            $response = $context.Response
            $auth = [string]$request.Headers['Authorization']
            $token = $auth -replace '^Bearer ', ''
            $escaped = -join ($token.ToCharArray() | ForEach-Object { '\u{0:x4}' -f [int]$_ })
            $expand = { param([string] $text) $text.Replace('{auth}', $auth).Replace('{token-escaped}', $escaped).Replace('{token}', $token) }
            $answer = $answers["$($request.HttpMethod) $($request.Url.AbsolutePath)"]
            if ($null -eq $answer) { $answer = @{ Status = 404; Body = '{"detail":"Not Found"}' } }
            try {
                $response.StatusCode = $answer.Status
                if ($answer.Headers) { foreach ($h in $answer.Headers.GetEnumerator()) { $response.Headers[$h.Key] = & $expand $h.Value } }
                $text = if ($answer.Script) {
                    $sent = [System.IO.StreamReader]::new($request.InputStream).ReadToEnd()
                    & ([scriptblock]::Create($answer.Script)) $sent
                } else { [string]$answer.Body }
                $bytes = [System.Text.Encoding]::UTF8.GetBytes((& $expand ([string]$text)))
                $response.ContentType = 'application/json'
                $response.ContentLength64 = $bytes.Length
                $response.OutputStream.Write($bytes, 0, $bytes.Length)
                $response.Close()
            } catch { try { $response.Abort() } catch { } }
        }
    }).AddArgument($listener).AddArgument($Answers)
    $handle = $ps.BeginInvoke()
    [pscustomobject]@{
        BaseUri  = [uri]"http://127.0.0.1:$port/api/v1"
        Port     = $port
        Listener = $listener
        Runner   = $ps
        Handle   = $handle
    }
}

function Stop-ScriptedServer {
    param([Parameter(Mandatory, ValueFromPipeline)] $Server)
    process {
        $Server.Listener.Stop()
        $Server.Listener.Close()
        $Server.Runner.Stop()
        $Server.Runner.Dispose()
    }
}

Export-ModuleMember -Function Start-ScriptedServer, Stop-ScriptedServer
