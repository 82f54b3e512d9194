# The README's demo: starts the built-in emulator, runs the README's recipes against it in a temporary folder, and
# stops it. Each step prints what it shows, then the command as typed, then what the command wrote.
param([Parameter(Mandatory)] [string] $ModuleManifest)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/PortOne.Emulator/PortOne.Emulator.psm1')
Import-Module $ModuleManifest

function Show([string] $Comment, [scriptblock] $Command) {
    # The comment first, then the command as a prompt shows it (its indentation in this file removed; a line after one
    # that ends in | or ` or { is a continuation), then its output.
    Write-Host "`n# $Comment" -ForegroundColor DarkGray
    $lines = @($Command.ToString() -split '\r?\n' | Where-Object { $_.Trim() })
    $indent = ($lines | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
    $previous = ''
    foreach ($line in $lines) {
        $prompt = if ($previous -match '[|`{]\s*$') { '>> ' } else { 'PS> ' }
        Write-Host ($prompt + $line.Substring($indent)) -ForegroundColor Cyan
        $previous = $line
    }
    & $Command | Out-String -Width 120 | ForEach-Object TrimEnd | Write-Host
}

Write-Host 'Starting the PortOne emulator: 20,000 generated payments over the last year...' -ForegroundColor Green
$emulator = Start-PortOneEmulator -ArgumentList '--payments', '20000', '--seed', '42'
$folder = New-Item (Join-Path ([IO.Path]::GetTempPath()) "portone-demo-$PID") -ItemType Directory -Force
Push-Location $folder
try {
    Write-Host "Listening at $($emulator.BaseUri); files go to $folder" -ForegroundColor Green
    Show 'Connect (against PortOne itself: Connect-PortOne -Credential (Get-Credential))' {
        Connect-PortOne $emulator.Credential -ApiBaseUri $emulator.BaseUri -PassThru | Format-List ApiBaseUri, ImpKey, Source
    }
    Show 'The five payments whose status changed last, of any status' {
        Get-PortOnePayment | Select-Object -First 5
    }
    Show "Yesterday's paid payments to a CSV file; the summary says the file, the rows and the range read" {
        $today = (Get-Date).Date
        Export-PortOnePayment paid.csv -Status Paid -From $today.AddDays(-1) -Before $today |
            Format-List Path, Rows, From, To
    }
    Show 'Last month, exactly' {
        $thisMonth = (Get-Date -Day 1).Date
        Export-PortOnePayment paid-month.csv -Status Paid -From $thisMonth.AddMonths(-1) -Before $thisMonth |
            Format-List Path, Rows, From, To
    }
    Show 'Ten years of cancellations (41 windows of 90 days, read as one query), summed per currency' {
        $cancelled = @{}
        Get-PortOnePayment -Status Cancelled -From (Get-Date).AddYears(-10) |
            ForEach-Object { $cancelled[$_.Currency] += $_.CancelAmount }
        $cancelled
    }
    Show 'The nightly ledger job, first run: -NewCheckpoint starts the checkpoint 30 days back' {
        $null = New-Item ledger -ItemType Directory
        Export-PortOnePayment ./ledger -Checkpoint ./ledger.checkpoint -NewCheckpoint -From (Get-Date).AddDays(-30) |
            Format-Table Path, Run, Rows, CheckpointMoved
    }
    # A run reads up to PortOne's now minus -SettleLag, to the second: a run in the same second would find nothing
    # new settled, and would leave the checkpoint and write no file.
    Start-Sleep -Seconds 2
    Show ('Every night after, the same line without -NewCheckpoint: what changed since the last run, into the next file ' +
        '(no rows here: the emulator''s payments stood still; Skipped counts those of the 10-minute overlap written before)') {
        Export-PortOnePayment ./ledger -Checkpoint ./ledger.checkpoint | Format-Table Path, Run, Rows, Skipped, CheckpointMoved
    }
    Show 'Failed payments 21 to 23, and first the total: -IncludeTotalCount writes it as an object of its own' {
        Get-PortOnePayment -Status Failed -Skip 20 -First 3 -IncludeTotalCount
    }
    Show 'Look payments up by imp_uid from the pipeline (a CSV with an imp_uid column works the same way)' {
        Get-PortOnePayment -Status Paid -First 2 | Select-Object ImpUid | Get-PortOnePayment |
            Format-List ImpUid, MerchantUid, Amount, Currency, PaidAt, BuyerName
    }
    Show 'A payment that does not exist is an error that names it; the other lookups go on' {
        Get-PortOnePayment -ImpUid 'imp_000000000000' -ErrorAction Continue 2>&1 | ForEach-Object { "$_" }
    }
}
finally {
    Pop-Location
    Remove-Item $folder -Recurse -Force
    Disconnect-PortOne
    $emulator | Stop-PortOneEmulator
    Write-Host "`nEmulator stopped; $folder removed." -ForegroundColor Green
}
