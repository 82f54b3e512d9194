# The recipes users copy from the README and the help: money is added up per currency, never KRW and USD together.
BeforeDiscovery {
    $root = Join-Path $PSScriptRoot '../..'
    # Each code block: the README's and the help's ``` fences; in about_PortOne (no fences), each indented paragraph.
    $blocks = foreach ($file in @(Get-Item (Join-Path $root 'README.md')) + @(Get-ChildItem (Join-Path $root 'docs/help') -Filter *.md)) {
        foreach ($match in [regex]::Matches((Get-Content $file.FullName -Raw), '(?ms)^\s*```[\w-]*\r?\n(.*?)^\s*```')) {
            @{ File = $file.Name; Code = $match.Groups[1].Value }
        }
    }
    $about = Get-Content (Join-Path $root 'docs/about_PortOne.help.txt') -Raw
    $blocks += foreach ($paragraph in $about -split '(\r?\n){2,}') { @{ File = 'about_PortOne.help.txt'; Code = $paragraph } }
    $sums = @($blocks | Where-Object { $_.Code -match 'Measure-Object\b[^|\r\n]*\b\w*Amount\b[^|\r\n]*-Sum|\+=\s*\$_\.\w*Amount\b' })
}

Describe 'Recipes that add money' {
    It 'the documentation has recipes that add amounts' -ForEach @{ Count = $sums.Count } {
        # So the test below has something to check: the README and the help show totals.
        $Count | Should -BeGreaterThan 1
    }

    It 'groups by currency before it adds (<File>)' -ForEach $sums {
        $Code | Should -Match 'Group-Object\s+(-Property\s+)?Currency\b|\[\s*\$_\.Currency\s*\]' -Because "this recipe adds amounts:`n$Code"
    }
}
