<#
.SYNOPSIS
    One timed benchmark run in a fresh pwsh; started by bench/Invoke-Bench.ps1, not meant to be run by hand.
.DESCRIPTION
    Sets the subject up first (Ours: Import-Module + Connect-PortOne; Irm: one Invoke-RestMethod getToken, so the
    web cmdlets are loaded and warm like the module's HTTP stack after Connect-PortOne; Raw: nothing, the limit gets its
    own token), then times only the work:
      All        every payment of the window piped to Measure-Object (with -Repeat: then once more, in the same session)
      First      the first payment only (Select-Object -First 1), then the same again in the same session
      Export     Export-PortOnePayment -OutFile (CSV); count = the rows it wrote
      ExportCsv  Get-PortOnePayment | Export-Csv -OutFile; count = the rows in the file
      Limit      (subject Raw, no module) bench/PortOne.Bench.Limit's raw fetch run inside this pwsh; count = its count
    Prints one line "BENCH {json}" with the count, the milliseconds and the peak working set of this process
    (VmHWM from /proc/self/status; Process.PeakWorkingSet64 where there is no /proc).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('Ours', 'Irm', 'Raw')] [string] $Subject,
    [Parameter(Mandatory)] [ValidateSet('All', 'First', 'Export', 'ExportCsv', 'Limit')] [string] $Mode,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $ImpKey,
    [Parameter(Mandatory)] [string] $ImpSecret,
    [Parameter(Mandatory)] [string] $Status,
    [Parameter(Mandatory)] [long] $From,
    [Parameter(Mandatory)] [long] $To,
    [int] $PageSize = 1000,
    [string] $ModuleManifest,
    # Export and ExportCsv: the file to write.
    [string] $OutFile,
    # Limit: the PortOne.Bench.Limit assembly.
    [string] $LimitDll,
    # All mode: time the same query a second time in this session too (msRepeat), after the figures above are taken.
    [switch] $Repeat
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ProgressPreference = 'SilentlyContinue'

function Get-PeakWorkingSetMB {
    if (Test-Path /proc/self/status) {
        $line = Select-String -Path /proc/self/status -Pattern '^VmHWM:\s+(\d+)\s+kB' | Select-Object -First 1
        if ($line) { return [double]$line.Matches[0].Groups[1].Value / 1024 }
    }
    [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB
}

$base = $BaseUri.TrimEnd('/')
$baseline = Join-Path $PSScriptRoot 'Baseline.InvokeRestMethod.ps1'
$result = [ordered]@{ subject = $Subject; mode = $Mode }

if ($Subject -eq 'Ours') {
    Import-Module $ModuleManifest
    $secret = ConvertTo-SecureString $ImpSecret -AsPlainText -Force
    Connect-PortOne -Credential ([pscredential]::new($ImpKey, $secret)) -ApiBaseUri $BaseUri
    $fromDate = [DateTimeOffset]::FromUnixTimeSeconds($From).UtcDateTime
    $toDate = [DateTimeOffset]::FromUnixTimeSeconds($To).UtcDateTime
    $query = @{ Status = $Status; From = $fromDate; To = $toDate; PageSize = $PageSize }
} elseif ($Subject -eq 'Irm') {
    $auth = Invoke-RestMethod -Method Post -Uri "$base/users/getToken" -ContentType 'application/json' `
        -Body (@{ imp_key = $ImpKey; imp_secret = $ImpSecret } | ConvertTo-Json)
    $headers = @{ Authorization = "Bearer $($auth.response.access_token)" }
}
$result.setupPeakMB = [math]::Round((Get-PeakWorkingSetMB), 1)
# What the timed part costs the runtime: bytes allocated, collections and GC pauses (this process, all threads).
$gcBefore = @([GC]::GetTotalAllocatedBytes($false), [GC]::CollectionCount(0), [GC]::CollectionCount(1), [GC]::CollectionCount(2), [GC]::GetTotalPauseDuration())
$cpuBefore = [System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime

switch ($Mode) {
    'All' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $measure = if ($Subject -eq 'Ours') {
            Get-PortOnePayment @query | Measure-Object
        } else {
            & $baseline -BaseUri $BaseUri -ImpKey $ImpKey -ImpSecret $ImpSecret -Status $Status -From $From -To $To -PageSize $PageSize | Measure-Object
        }
        $watch.Stop()
        $result.count = $measure.Count
        $result.ms = $watch.Elapsed.TotalMilliseconds
    }
    'Export' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $summary = Export-PortOnePayment $OutFile @query
        $watch.Stop()
        $result.count = $summary.Rows
        $result.ms = $watch.Elapsed.TotalMilliseconds
    }
    'ExportCsv' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Get-PortOnePayment @query | Export-Csv $OutFile
        $watch.Stop()
        # Export-Csv quotes every field, so each row (and no line inside a field) starts with "imp_.
        $result.count = @([System.IO.File]::ReadLines($OutFile) | Where-Object { $_.StartsWith('"imp_') }).Count
        $result.ms = $watch.Elapsed.TotalMilliseconds
    }
    'Limit' {
        # bench/PortOne.Bench.Limit's raw fetch, run inside this fresh pwsh with no module loaded: what a script's own
        # HttpClient + System.Text.Json loop costs in a fresh session. Its one JSON line goes to a StringWriter.
        $assembly = [System.Reflection.Assembly]::LoadFrom($LimitDll)
        $output = [System.IO.StringWriter]::new()
        $console = [Console]::Out
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        [Console]::SetOut($output)
        try {
            $exit = $assembly.EntryPoint.Invoke($null, @(, [string[]]@($BaseUri, $ImpKey, $ImpSecret, $Status, $From, $To, $PageSize, 'once')))
        }
        finally {
            [Console]::SetOut($console)
        }
        $watch.Stop()
        if ($exit -ne 0) { throw "The limit failed (exit $exit): $output" }
        $result.count = ($output.ToString().Trim() -split "`n")[-1] | ConvertFrom-Json | ForEach-Object count
        $result.ms = $watch.Elapsed.TotalMilliseconds
    }
    'First' {
        $times = foreach ($i in 1..2) {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $first = if ($Subject -eq 'Ours') {
                Get-PortOnePayment @query | Select-Object -First 1
            } else {
                (Invoke-RestMethod -Uri "$base/payments/status/$($Status)?page=1&limit=$PageSize&from=$From&to=$To" -Headers $headers).response.list |
                    Select-Object -First 1
            }
            $watch.Stop()
            if ($null -eq $first) { throw 'No payment came back.' }
            $watch.Elapsed.TotalMilliseconds
        }
        $result.count = 1
        $result.ms = $times[0]        # the first query after connecting
        $result.msRepeat = $times[1]  # the same query again in the same session
    }
}
$result.peakMB = [math]::Round((Get-PeakWorkingSetMB), 1)
$result.cpuMs = [math]::Round(([System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpuBefore).TotalMilliseconds)
$result.allocatedMB = [math]::Round(([GC]::GetTotalAllocatedBytes($false) - $gcBefore[0]) / 1MB, 1)
$result.gc = @{ gen0 = [GC]::CollectionCount(0) - $gcBefore[1]; gen1 = [GC]::CollectionCount(1) - $gcBefore[2]; gen2 = [GC]::CollectionCount(2) - $gcBefore[3]
                pauseMs = [math]::Round(([GC]::GetTotalPauseDuration() - $gcBefore[4]).TotalMilliseconds, 1) }
if ($Mode -eq 'All' -and $Repeat) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $again = if ($Subject -eq 'Ours') {
        Get-PortOnePayment @query | Measure-Object
    } else {
        & $baseline -BaseUri $BaseUri -ImpKey $ImpKey -ImpSecret $ImpSecret -Status $Status -From $From -To $To -PageSize $PageSize | Measure-Object
    }
    $watch.Stop()
    if ($again.Count -ne $result.count) { throw "The repeat read $($again.Count) payments, the first run $($result.count)." }
    $result.msRepeat = $watch.Elapsed.TotalMilliseconds
}
# The whole process's CPU time, its start and Import-Module included: on a busy machine a fairer yardstick than the clock.
$result.processCpuMs = [math]::Round([System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds)
'BENCH ' + ($result | ConvertTo-Json -Compress)
