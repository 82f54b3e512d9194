# Calendar days and months: -Before (an end that is not included) makes consecutive exports meet exactly, with a
# payment at exactly midnight in one of them only. Run in Korea's time zone, where local midnight is not UTC's.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    $script:savedTz = $env:TZ
    $env:TZ = 'Asia/Seoul'
    [TimeZoneInfo]::ClearCachedData()
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '3000', '--seed', '21'
    Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri

    function script:Unix([datetime] $d) { ([DateTimeOffset]$d).ToUnixTimeSeconds() }
    function script:Add-Payment([string] $Status, [datetime] $At) {
        Add-EmulatorBurst $emu -At (Unix $At) -Count 1 -Status $Status
    }
    function script:Get-StatusRequest { @(Get-EmulatorRequest $emu -PathLike '/payments/status/*') }

    # Three days ago, local midnight, and three paid payments around it.
    $script:midnight = (Get-Date).Date.AddDays(-3)
    $script:atMidnight = Add-Payment paid $midnight
    $script:secondBefore = Add-Payment paid $midnight.AddSeconds(-1)
    $script:secondAfter = Add-Payment paid $midnight.AddSeconds(1)
}
AfterAll {
    Disconnect-PortOne
    $emu | Stop-PortOneEmulator
    $env:TZ = $savedTz
    [TimeZoneInfo]::ClearCachedData()
}

Describe 'Daily exports with -Before' {
    BeforeAll {
        $script:dayBefore = @(Get-PortOnePayment -Status Paid -From $midnight.AddDays(-1) -Before $midnight).ImpUid
        $script:day = @(Get-PortOnePayment -Status Paid -From $midnight -Before $midnight.AddDays(1)).ImpUid
    }

    It 'puts a payment at exactly 00:00:00 into the day it starts, and only there' {
        $day | Should -Contain $atMidnight
        $dayBefore | Should -Not -Contain $atMidnight
        $dayBefore | Should -Contain $secondBefore
        $day | Should -Not -Contain $secondBefore
        $day | Should -Contain $secondAfter
    }

    It 'makes two consecutive days meet exactly: no payment in both, none missing' {
        $day.Count | Should -BeGreaterThan 3
        $dayBefore.Count | Should -BeGreaterThan 1
        @($day | Where-Object { $_ -in $dayBefore }) | Should -BeNullOrEmpty
        $both = Get-EmulatorSnapshot $emu -Status paid -From (Unix $midnight.AddDays(-1)) -To ((Unix $midnight.AddDays(1)) - 1)
        (@($dayBefore) + @($day) | Sort-Object) | Should -Be ($both | Sort-Object)
    }

    It 'asks PortOne up to the second before -Before' {
        Reset-EmulatorRequest $emu
        $null = Get-PortOnePayment -Status Paid -From $midnight -Before $midnight.AddDays(1)
        $query = (Get-StatusRequest)[0].query
        $query | Should -Match "(^|&)from=$(Unix $midnight)(&|$)"
        $query | Should -Match "(^|&)to=$((Unix $midnight.AddDays(1)) - 1)(&|$)"
    }

    It 'keeps a payment at a whole second that lies before a -Before with a fraction' {
        $read = @(Get-PortOnePayment -Status Paid -From $midnight.AddSeconds(-1) -Before $midnight.AddMilliseconds(500)).ImpUid
        ($read | Sort-Object) | Should -Be (@($secondBefore, $atMidnight) | Sort-Object) -Because 'both seconds lie before 00:00:00.5'
    }

    It 'differs from the inclusive -To, which puts the midnight payment into the day before as well' {
        @(Get-PortOnePayment -Status Paid -From $midnight.AddDays(-1) -To $midnight).ImpUid | Should -Contain $atMidnight
    }
}

Describe 'Monthly exports with -Before' {
    It 'puts a payment at 00:00:00 on the first into the month it starts' {
        $first = (Get-Date -Day 1).Date.AddMonths(-2)
        $onTheFirst = Add-Payment cancelled $first
        $month = @(Get-PortOnePayment -Status Cancelled -From $first -Before $first.AddMonths(1)).ImpUid
        $monthBefore = @(Get-PortOnePayment -Status Cancelled -From $first.AddMonths(-1) -Before $first).ImpUid
        $month | Should -Contain $onTheFirst
        $monthBefore | Should -Not -Contain $onTheFirst
        @($month | Where-Object { $_ -in $monthBefore }) | Should -BeNullOrEmpty
    }
}

Describe '-Before mistakes' {
    BeforeEach { Reset-EmulatorRequest $emu }

    It 'refuses -To and -Before together, before any request' {
        { Get-PortOnePayment -Status Paid -From $midnight -To $midnight.AddDays(1) -Before $midnight.AddDays(1) } |
            Should -Throw -ErrorId 'PortOne.InvalidDateRange,PortOne.Commands.GetPortOnePaymentCommand'
        Get-StatusRequest | Should -BeNullOrEmpty
    }

    It 'refuses a -From that is not before -Before, naming both' {
        $failure = { Get-PortOnePayment -Status Paid -From $midnight -Before $midnight } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'PortOne.InvalidDateRange,PortOne.Commands.GetPortOnePaymentCommand'
        $failure.Exception.Message | Should -Match '-From .* is not before -Before'
        $failure.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        Get-StatusRequest | Should -BeNullOrEmpty
    }
}
