# Parses each PowerShell script given on the command line with PowerShell's own parser and lists,
# per file, the parse errors and the constructs Windows PowerShell 5.1 (powershell.exe, what charter
# runs on Windows) does not have. Run by powershell-ast.test.ts under PowerShell 7 on Linux.
# Output: one JSON array of { file, errors: [..], compat: [..] }.
param([Parameter(ValueFromRemainingArguments = $true)][string[]]$Files)
$ErrorActionPreference = 'Stop'
# Commands PowerShell 7 added (not in 5.1), and 5.1 parameters that 7 changed.
$newCommands = @('ForEach-Object -Parallel', 'Get-Error', 'Join-String', 'ConvertFrom-Markdown', 'Test-Json', 'Get-Uptime', 'Remove-Alias', 'Remove-Service')
$newParameters = @{
  'ConvertFrom-Json' = @('AsHashtable', 'Depth', 'NoEnumerate')
  'ConvertTo-Json'   = @('EscapeHandling', 'AsArray')
  'Get-Content'      = @('AsByteStream')
  'Set-Content'      = @('AsByteStream')
  'ForEach-Object'   = @('Parallel', 'ThrottleLimit')
  'Select-Object'    = @('SkipIndex')
  'Get-ChildItem'    = @('FollowSymlink')
  'Split-Path'       = @('Extension', 'LeafBase')
  'Test-Connection'  = @('TargetName')
}
$results = foreach ($file in $Files) {
  $tokens = $null; $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
  $compat = New-Object System.Collections.Generic.List[string]
  $nodes = $ast.FindAll({ $true }, $true)
  foreach ($n in $nodes) {
    $where = "line $($n.Extent.StartLineNumber): $($n.Extent.Text.Split("`n")[0].Trim())"
    switch ($n.GetType().Name) {
      'TernaryExpressionAst' { $compat.Add("ternary operator ?: ($where)") }
      'PipelineChainAst' { $compat.Add("pipeline chain && or || ($where)") }
      'BinaryExpressionAst' { if ($n.Operator -eq 'QuestionQuestion') { $compat.Add("null-coalescing ?? ($where)") } }
      'AssignmentStatementAst' { if ($n.Operator -eq 'QuestionQuestionEquals') { $compat.Add("null-coalescing assignment ??= ($where)") } }
      'MemberExpressionAst' { if ($n.NullConditional) { $compat.Add("null-conditional member access ?. ($where)") } }
      'InvokeMemberExpressionAst' { if ($n.NullConditional) { $compat.Add("null-conditional call ?. ($where)") } }
      'IndexExpressionAst' { if ($n.NullConditional) { $compat.Add("null-conditional index ?[] ($where)") } }
      'CommandAst' {
        $name = $n.GetCommandName()
        if ($null -ne $name) {
          if ($newCommands -contains $name) { $compat.Add("command $name is PowerShell 7 only ($where)") }
          if ($newParameters.ContainsKey($name)) {
            foreach ($e in $n.CommandElements) {
              if ($e -is [System.Management.Automation.Language.CommandParameterAst] -and ($newParameters[$name] -contains $e.ParameterName)) {
                $compat.Add("$name -$($e.ParameterName) is PowerShell 7 only ($where)")
              }
            }
          }
        }
      }
    }
  }
  foreach ($t in $tokens) {
    # `clean {}` blocks (7.3) and the 7-only escape `e.
    if ($t.Kind -eq 'StringExpandable' -and $t.Text -match '`e') { $compat.Add("escape ``e in a string is PowerShell 6+ only (line $($t.Extent.StartLineNumber))") }
  }
  [ordered]@{ file = $file; errors = @($errors | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.Message)" }); compat = @($compat) }
}
ConvertTo-Json -InputObject @($results) -Depth 4 -Compress
