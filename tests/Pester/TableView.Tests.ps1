# The default table of payments, read as a user reads it on screen: the time shown is the one the list is filtered
# and sorted on, and every amount carries its currency.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '3000', '--seed', '17'
    Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri

    function script:Get-TableCell {
        # Renders the payments with the default view and returns, per payment, the text of the Time and Amount cells.
        # Time is left-aligned (its cell starts where its label does); Amount is right-aligned (its cell ends where its label does).
        param([object[]] $Payments)
        $lines = @(($Payments | Format-Table | Out-String -Width 250) -split "`r?`n" | Where-Object { $_.Trim() })
        $header = $lines[0]
        $time = [regex]::Match($header, '\bTime\b').Index
        $amountEnd = [regex]::Match($header, '\bAmount\b').Index + 'Amount'.Length
        $amountWidth = (Get-FormatData PortOne.PaymentAnnotation).FormatViewDefinition[0].Control.Headers |
            Where-Object Label -EQ 'Amount' | ForEach-Object Width
        $rows = @($lines | Select-Object -Skip 2)
        $rows.Count | Should -Be $Payments.Count
        for ($i = 0; $i -lt $rows.Count; $i++) {
            [pscustomobject]@{
                Payment = $Payments[$i]
                Time    = $rows[$i].Substring($time, 16).Trim()
                Amount  = $rows[$i].Substring($amountEnd - $amountWidth, $amountWidth).Trim()
            }
        }
    }
}
AfterAll {
    Disconnect-PortOne
    $emu | Stop-PortOneEmulator
}

Describe 'The default payment table' {
    It 'shows the <Status> time for -Status <Status>: the time -From/-To filter on' -ForEach @(
        @{ Status = 'Ready'; Property = 'StartedAt' }
        @{ Status = 'Paid'; Property = 'PaidAt' }
        @{ Status = 'Cancelled'; Property = 'CancelledAt' }
        @{ Status = 'Failed'; Property = 'FailedAt' }
    ) {
        $payments = @(Get-PortOnePayment -Status $Status -First 40)
        $payments.Count | Should -BeGreaterThan 5
        foreach ($cell in Get-TableCell $payments) {
            $cell.Payment.$Property | Should -Not -BeNullOrEmpty
            $cell.Time | Should -Be $cell.Payment.$Property.ToString('yyyy-MM-dd HH:mm') -Because "$($cell.Payment.ImpUid) is $Status"
        }
        if ($Status -eq 'Cancelled') {
            # Cancelled payments were paid first: the table must not show that earlier time.
            @($payments | Where-Object { $_.PaidAt -and $_.PaidAt.ToString('yyyy-MM-dd HH:mm') -ne $_.CancelledAt.ToString('yyyy-MM-dd HH:mm') }).Count |
                Should -BeGreaterThan 0 -Because 'the test needs payments whose paid and cancel times differ'
        }
    }

    It 'follows each payment''s own status with -Status All' {
        $payments = @(Get-PortOnePayment -Status All -First 200)
        @($payments.Status | Sort-Object -Unique) | Should -Be @('cancelled', 'failed', 'paid', 'ready')
        $timeOf = @{ ready = 'StartedAt'; paid = 'PaidAt'; cancelled = 'CancelledAt'; failed = 'FailedAt' }
        foreach ($cell in Get-TableCell $payments) {
            $cell.Time | Should -Be $cell.Payment.($timeOf[$cell.Payment.Status]).ToString('yyyy-MM-dd HH:mm') -Because "$($cell.Payment.ImpUid) is $($cell.Payment.Status)"
        }
    }

    It 'shows every amount with its currency, cents for USD' {
        $payments = @(Get-PortOnePayment -Status Paid -First 300)
        $usd = @($payments | Where-Object Currency -EQ 'USD' | Select-Object -First 5)
        $krw = @($payments | Where-Object Currency -EQ 'KRW' | Select-Object -First 5)
        $usd.Count | Should -BeGreaterThan 0
        $krw.Count | Should -BeGreaterThan 0
        foreach ($cell in Get-TableCell ($usd + $krw)) {
            $p = $cell.Payment
            if ($p.Currency -eq 'USD') {
                $cell.Amount | Should -Match '^\d{1,3}(,\d{3})*\.\d\d USD$'
                [decimal]($cell.Amount -replace '[^\d.]') | Should -Be $p.Amount
            } else {
                $cell.Amount | Should -Match '^\d{1,3}(,\d{3})* KRW$'
                [decimal]($cell.Amount -replace '[^\d]') | Should -Be $p.Amount
            }
        }
    }
}
