# The one launcher of the PortOne emulator (this folder's program), for the Pester suites, the demo and the benchmark:
# start and stop it, and use its /__emulator control endpoints. The emulator binds 127.0.0.1 on a free port and
# prints its URL first; it exits when our end of its stdin closes, so a run that dies never leaves it behind.
# It runs in a session (Windows: a process group) of its own, so Ctrl+C in the terminal stops the command the user
# typed, never the emulator under it: it stops when Stop-PortOneEmulator asks, or with the pwsh that started it.

# One payment as the emulator's truth describes it: unix seconds, 0 where a state was not reached.
class EmulatorTruth {
    [string] $ImpUid
    [string] $Status
    [long] $WindowTime
    [long] $StartedAt
    [long] $PaidAt
    [long] $CancelledAt
    [long] $FailedAt
    [long] $UpdatedAt
}

$script:EmulatorDll = Join-Path $PSScriptRoot 'bin/Release/net10.0/PortOne.Emulator.dll'

function New-DetachedStartInfo {
    # How to start $Command (the program, then its arguments) outside the terminal's foreground process group, which
    # Ctrl+C signals as a whole. Linux: through setsid (util-linux, in every distribution's base system), which calls
    # setsid() and then execs the program in the same process, so the Process object is the program's own. Windows: a new
    # process group, which ignores Ctrl+C. Elsewhere (macOS has no setsid command) it starts as before, in our group.
    # Whatever the group, the program's stdin is a pipe from this pwsh: when this pwsh exits, however it ends, the pipe
    # closes and the emulator (--exit-on-stdin-close) exits with it.
    param([string[]] $Command)
    $setsid = if ($IsLinux) { Get-Command setsid -CommandType Application -ErrorAction Ignore | Select-Object -First 1 }
    $info = if ($setsid) { [System.Diagnostics.ProcessStartInfo]::new($setsid.Source) } else { [System.Diagnostics.ProcessStartInfo]::new($Command[0]) }
    foreach ($a in @(if ($setsid) { $Command } else { $Command | Select-Object -Skip 1 })) { $info.ArgumentList.Add([string]$a) }
    if ($IsWindows) { $info.CreateNewProcessGroup = $true }
    $info
}

function Start-PortOneEmulator {
    [CmdletBinding()]
    param(
        # Extra command-line options, e.g. '--payments', '5000', '--token-lifetime', '3'.
        [string[]] $ArgumentList = @(),
        [string] $ImpKey = 'test_imp_key',
        [string] $ImpSecret = 'test_imp_secret'
    )
    if (-not (Test-Path $script:EmulatorDll)) { throw "The emulator is not built: $script:EmulatorDll. Run ./build.ps1 Build." }
    # The dotnet host runs the emulator: this process's own under `dotnet pwsh`, else the one on PATH (an installed
    # pwsh is not a dotnet host, and would take the dll for a script).
    $dotnet = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { [Environment]::ProcessPath } else { 'dotnet' }
    $command = @($dotnet, $script:EmulatorDll, '--listen', 'http://127.0.0.1:0', '--exit-on-stdin-close',
                 '--imp-key', $ImpKey, '--imp-secret', $ImpSecret) + $ArgumentList
    $info = New-DetachedStartInfo $command
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    # Drain stderr in the background so a chatty emulator cannot block on a full pipe.
    $null = $process.StandardError.ReadToEndAsync()
    $readLine = $process.StandardOutput.ReadLineAsync()
    if (-not $readLine.Wait([TimeSpan]::FromSeconds(60)) -or $null -eq $readLine.Result -or $readLine.Result -notmatch '^Listening on (http://\S+)$') {
        $line = if ($readLine.IsCompleted) { $readLine.Result } else { '(nothing)' }
        Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
        throw "The emulator did not start: its first line was $line"
    }
    $null = $process.StandardOutput.ReadToEndAsync()
    $baseUri = $Matches[1].TrimEnd('/') + '/'
    [pscustomobject]@{
        PSTypeName = 'PortOne.TestEmulator'
        Process    = $process
        BaseUri    = $baseUri
        ImpKey     = $ImpKey
        ImpSecret  = $ImpSecret
        Credential = [pscredential]::new($ImpKey, (ConvertTo-SecureString $ImpSecret -AsPlainText -Force))
    }
}

function Stop-PortOneEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process {
        if ($null -eq $Emulator) { return }
        $p = $Emulator.Process
        if (-not $p.HasExited) {
            $p.StandardInput.Close()
            if (-not $p.WaitForExit(5000)) { $p.Kill($true); $p.WaitForExit() }
        }
        $p.Dispose()
    }
}

function Invoke-EmulatorControl {
    # GET or POST one of the emulator's /__emulator/* control endpoints.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'Get',
        $Body
    )
    $uri = $Emulator.BaseUri + '__emulator/' + $Path
    if ($PSBoundParameters.ContainsKey('Body')) {
        Invoke-RestMethod -Uri $uri -Method $Method -Body ($Body | ConvertTo-Json -Depth 5) -ContentType 'application/json'
    } else {
        Invoke-RestMethod -Uri $uri -Method $Method
    }
}

function Get-EmulatorRequest {
    # The API requests the emulator saw since the last reset (control endpoints excluded).
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [string] $PathLike = '*')
    @(Invoke-EmulatorControl -Emulator $Emulator -Path 'requests') | ForEach-Object { $_ } | Where-Object path -like $PathLike
}

function Reset-EmulatorRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'reset' -Method Post
}

function Set-EmulatorFault {
    # Replaces the fault settings: e.g. Set-EmulatorFault $emu @{ errorRate = 0.2 }; @{} clears them.
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Fault)
    $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'faults' -Method Post -Body $Fault
}

function Get-EmulatorSnapshot {
    # The imp_uids that match a status and window right now, ignoring paging.
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [string] $Status = 'all', [long] $From, [long] $To)
    $query = "snapshot?status=$Status"
    if ($PSBoundParameters.ContainsKey('From')) { $query += "&from=$From" }
    if ($PSBoundParameters.ContainsKey('To')) { $query += "&to=$To" }
    @(Invoke-EmulatorControl -Emulator $Emulator -Path $query) | ForEach-Object { $_ }
}

function Get-EmulatorRequestRange {
    # The from/to of each logged /payments/status request, as unix seconds. With -Windows, only the ranges no other
    # request's range contains (a reader's whole-window requests, without the slices read inside them), oldest first.
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Emulator, [string] $PathLike = '/payments/status/*', [switch] $Windows)
    $ranges = @(Get-EmulatorRequest $Emulator -PathLike $PathLike | ForEach-Object {
        $q = @{}; foreach ($pair in $_.query -split '&') { $k, $v = $pair -split '=', 2; $q[$k] = $v }
        [pscustomobject]@{ From = [long]$q.from; To = [long]$q.to; Query = $_.query }
    })
    if (-not $Windows) { return $ranges }
    $ranges | Where-Object { $r = $_; -not ($ranges | Where-Object { $_.From -le $r.From -and $_.To -ge $r.To -and ($_.To - $_.From) -gt ($r.To - $r.From) }) } |
        Sort-Object From -Unique
}

function Get-EmulatorTruth {
    # Each payment that matches a status and window right now, in the API's order for -Sorting (ties by id): what an
    # export must hold. The emulator works it out naively, apart from the API's query code (every payment filtered
    # by the time its current status implies, both ends inclusive, then sorted), without paging, the 90-day limit
    # or churn, so reading it changes nothing. The API's own tie order is drawn per request unless a test asks for
    # tieOrder 'stable': compare orders by their sort times, not by imp_uid, inside one second.
    # Give -Emulator (from Start-PortOneEmulator) or -BaseUri. Returns EmulatorTruth objects.
    [CmdletBinding(DefaultParameterSetName = 'Emulator')]
    [OutputType([EmulatorTruth])]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'Emulator')] $Emulator,
        [Parameter(Mandatory, ParameterSetName = 'BaseUri')] [string] $BaseUri,
        [ValidateSet('all', 'ready', 'paid', 'cancelled', 'failed')] [string] $Status = 'all',
        [long] $From,
        [long] $To,
        [ValidateSet('-started', 'started', '-paid', 'paid', '-updated', 'updated')] [string] $Sorting = '-started'
    )
    $base = if ($PSCmdlet.ParameterSetName -eq 'Emulator') { $Emulator.BaseUri } else { $BaseUri.TrimEnd('/') + '/' }
    $query = "__emulator/snapshot?detail=true&status=$Status&sorting=$([uri]::EscapeDataString($Sorting))"
    if ($PSBoundParameters.ContainsKey('From')) { $query += "&from=$From" }
    if ($PSBoundParameters.ContainsKey('To')) { $query += "&to=$To" }
    $json = (Invoke-WebRequest -Uri ($base + $query)).Content
    # System.Text.Json straight into the class: about 20x faster than ConvertFrom-Json plus [pscustomobject] per payment.
    $options = [System.Text.Json.JsonSerializerOptions]::new()
    $options.PropertyNamingPolicy = [System.Text.Json.JsonNamingPolicy]::SnakeCaseLower
    [System.Text.Json.JsonSerializer]::Deserialize($json, [EmulatorTruth[]], $options)
}

function Add-EmulatorBurst {
    # Adds -Count payments whose window time (and started, paid, updated) is the one second -At (unix seconds),
    # so a client meets more than a page of payments in one second. Returns their imp_uids.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, Position = 0)] $Emulator,
        [Parameter(Mandatory)] [long] $At,
        [Parameter(Mandatory)] [ValidateRange(1, 10000)] [int] $Count,
        [ValidateSet('ready', 'paid', 'cancelled', 'failed')] [string] $Status = 'paid'
    )
    $answer = Invoke-EmulatorControl -Emulator $Emulator -Path 'payments/burst' -Method Post -Body @{ at = $At; count = $Count; status = $Status }
    $answer.imp_uids
}

function Get-EmulatorChange {
    # Every state churn put a payment in since the emulator started, oldest first:
    # imp_uid, status, status_at, refunded_at (latest cancellation, 0 if none), changed_at (unix seconds).
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    @(Invoke-EmulatorControl -Emulator $Emulator -Path 'changes') | ForEach-Object { $_ }
}

Export-ModuleMember -Function Start-PortOneEmulator, Stop-PortOneEmulator, Invoke-EmulatorControl, Get-EmulatorRequest,
    Reset-EmulatorRequest, Set-EmulatorFault, Get-EmulatorSnapshot, Get-EmulatorRequestRange, Get-EmulatorTruth, Add-EmulatorBurst, Get-EmulatorChange
