# The README's demo: starts the built-in emulator, runs an admin's everyday queries against it, stops it.
param([Parameter(Mandatory)] [string] $ModuleManifest)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/PortOne.Emulator/PortOne.Emulator.psm1')
Import-Module $ModuleManifest

$emulator = Start-PortOneEmulator -ArgumentList '--payments', '20000', '--seed', '42'
try {
    function Show([string] $title, [scriptblock] $query) {
        Write-Host "`nPS> $($query.ToString().Trim())" -ForegroundColor Cyan
        Write-Host "# $title" -ForegroundColor DarkGray
        & $query | Out-String -Width 150 | Write-Host
    }
    Write-Host "PortOne emulator at $($emulator.BaseUri) (20,000 payments over the last year)" -ForegroundColor Green
    Connect-PortOne -Credential $emulator.Credential -ApiBaseUri $emulator.BaseUri -PassThru | Out-Host

    Show 'The five latest payments of any status' {
        Get-PortOnePayment | Select-Object -First 5
    }
    Show 'Every payment cancelled in the last day, to CSV' {
        Get-PortOnePayment -Status Cancelled -From (Get-Date).AddDays(-1) | Export-Csv cancelled.csv
        "{0} cancelled payments written to cancelled.csv" -f (Import-Csv cancelled.csv).Count
        Remove-Item cancelled.csv
    }
    Show 'Paid in the last 400 days (five 90-day windows, read as one query), by currency' {
        Get-PortOnePayment -Status Paid -From (Get-Date).AddDays(-400) -Sort paid |
            Group-Object Currency | Select-Object Name, Count, @{ n = 'Amount'; e = { ($_.Group | Measure-Object Amount -Sum).Sum } }
    }
    Show 'Page 3 of the failed payments, 10 a page, with the total' {
        Get-PortOnePayment -Status Failed -Skip 20 -First 10 -IncludeTotalCount | Select-Object -First 4
    }
    Show 'Look payments up by imp_uid from the pipeline' {
        Get-PortOnePayment -Status Paid -First 2 | Select-Object ImpUid | Get-PortOnePayment | Format-List ImpUid, MerchantUid, Amount, Currency, PaidAt, CardName, BuyerName
    }
    Show 'A payment that does not exist is an error that names it; the rest go on' {
        Get-PortOnePayment -ImpUid 'imp_000000000000' -ErrorAction Continue 2>&1 | ForEach-Object { "$_" }
    }
}
finally {
    Disconnect-PortOne
    $emulator | Stop-PortOneEmulator
    Write-Host "`nEmulator stopped." -ForegroundColor Green
}
