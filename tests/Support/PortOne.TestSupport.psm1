# Starts and stops the PortOne emulator for Pester suites, the demo and the benchmark.
# The emulator binds 127.0.0.1 on a free port and prints its URL first; it exits when our end of its
# stdin closes, so a test run that dies never leaves it behind.

$script:RepoRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
$script:EmulatorDll = Join-Path $script:RepoRoot 'tests/PortOne.Emulator/bin/Release/net10.0/PortOne.Emulator.dll'

function Start-PortOneEmulator {
    [CmdletBinding()]
    param(
        # Extra command-line options, e.g. '--payments', '5000', '--token-lifetime', '3'.
        [string[]] $ArgumentList = @(),
        [string] $ImpKey = 'test_imp_key',
        [string] $ImpSecret = 'test_imp_secret'
    )
    if (-not (Test-Path $script:EmulatorDll)) { throw "The emulator is not built: $script:EmulatorDll. Run ./build.ps1 Build." }
    $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    foreach ($a in @($script:EmulatorDll, '--listen', 'http://127.0.0.1:0', '--exit-on-stdin-close',
                     '--imp-key', $ImpKey, '--imp-secret', $ImpSecret) + $ArgumentList) { $info.ArgumentList.Add([string]$a) }
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

function Get-EmulatorChange {
    # Every state churn put a payment in since the emulator started, oldest first:
    # imp_uid, status, status_at, refunded_at (latest cancellation, 0 if none), changed_at (unix seconds).
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    @(Invoke-EmulatorControl -Emulator $Emulator -Path 'changes') | ForEach-Object { $_ }
}

Export-ModuleMember -Function Start-PortOneEmulator, Stop-PortOneEmulator, Invoke-EmulatorControl, Get-EmulatorRequest,
    Reset-EmulatorRequest, Set-EmulatorFault, Get-EmulatorSnapshot, Get-EmulatorChange
