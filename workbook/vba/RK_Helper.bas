Attribute VB_Name = "RK_Helper"
' What xlwings has no portable API for, called from Python with book.macro:
' sheet protection, locking rows, fills with notes, the status bar, inserting
' rows. Each takes whole lists (packed in one string) so that a click costs a
' constant number of calls. And the two dialogs of the ribbon, which store what
' the person typed in the defined name RK_MASUKAN (as text, never as a formula)
' for Python to read. The constants (RK_SANDI, RK_PENULIS, ...) live in the
' module RK_Konstanta, generated at build time from pyaddin/engine/vba.py.
Option Explicit

' sheetNames: "Realisasi;Riwayat"
Public Sub RK_Lindungi(ByVal sheetNames As String, ByVal isOn As Boolean)
    Dim sheetName As Variant
    For Each sheetName In Split(sheetNames, ";")
        If Len(sheetName) > 0 Then
            If isOn Then
                RK_Protect CStr(sheetName)
            Else
                RK_Unprotect CStr(sheetName)
            End If
        End If
    Next sheetName
End Sub

' Validasi: clear the product's own marks in area (fills of the mark colours,
' notes by RK_PENULIS), then fill errorCells and warningCells ("B8;H9") and
' set the notes: "B8" & Chr(RK_PEMISAH_ISIAN) & text, records joined by
' Chr(RK_PEMISAH_CATATAN). A fill or note the user made is left alone.
Public Sub RK_Tandai(ByVal sheetName As String, ByVal area As String, _
                     ByVal errorCells As String, ByVal warningCells As String, _
                     ByVal notes As String)
    Dim sheet As Worksheet, cell As Range, note As Comment, part As Variant, pair() As String
    Set sheet = ThisWorkbook.Worksheets(sheetName)
    For Each cell In sheet.Range(area).Cells
        If cell.Interior.Color = RK_WARNA_SALAH Or cell.Interior.Color = RK_WARNA_CEK Then
            cell.Interior.Pattern = xlNone
        End If
    Next cell
    For Each note In sheet.Comments
        If RK_CatatanKami(note) Then
            If Not Application.Intersect(note.Parent, sheet.Range(area)) Is Nothing Then note.Delete
        End If
    Next note
    For Each part In Split(errorCells, ";")
        If Len(part) > 0 Then sheet.Range(part).Interior.Color = RK_WARNA_SALAH
    Next part
    For Each part In Split(warningCells, ";")
        If Len(part) > 0 Then sheet.Range(part).Interior.Color = RK_WARNA_CEK
    Next part
    For Each part In Split(notes, Chr(RK_PEMISAH_CATATAN))
        If Len(part) > 0 Then
            pair = Split(part, Chr(RK_PEMISAH_ISIAN), 2)
            RK_SetNote sheetName, pair(0), pair(1)
        End If
    Next part
End Sub

' Lock the input cells of approved rows and unlock those of editable rows:
' lockRanges and unlockRanges are "A8:I8;A10:I10".
Public Sub RK_Kunci(ByVal sheetName As String, ByVal lockRanges As String, _
                    ByVal unlockRanges As String)
    RK_SetLocked sheetName, lockRanges, True
    RK_SetLocked sheetName, unlockRanges, False
End Sub

Public Sub RK_Protect(ByVal sheetName As String)
    ThisWorkbook.Worksheets(sheetName).Protect Password:=RK_SANDI, DrawingObjects:=True, _
        Contents:=True, Scenarios:=True, AllowFormattingCells:=True, _
        AllowFormattingColumns:=True, AllowFormattingRows:=True
End Sub

Public Sub RK_Unprotect(ByVal sheetName As String)
    ThisWorkbook.Worksheets(sheetName).Unprotect Password:=RK_SANDI
End Sub

' addresses: "B8:I8;B10:I12"
Public Sub RK_SetLocked(ByVal sheetName As String, ByVal addresses As String, _
                        ByVal isLocked As Boolean)
    Dim part As Variant
    For Each part In Split(addresses, ";")
        If Len(part) > 0 Then ThisWorkbook.Worksheets(sheetName).Range(part).Locked = isLocked
    Next part
End Sub

Public Sub RK_ClearNotes(ByVal sheetName As String, ByVal address As String)
    Dim note As Comment, area As Range
    Set area = ThisWorkbook.Worksheets(sheetName).Range(address)
    For Each note In ThisWorkbook.Worksheets(sheetName).Comments
        If RK_CatatanKami(note) Then
            If Not Application.Intersect(note.Parent, area) Is Nothing Then note.Delete
        End If
    Next note
End Sub

' A note the product wrote: by a file write (author RK_PENULIS) or by
' RK_SetNote here (Excel makes the user the author; the shape carries the mark).
Private Function RK_CatatanKami(ByVal note As Comment) As Boolean
    RK_CatatanKami = (note.Author = RK_PENULIS) Or (note.Shape.AlternativeText = RK_PENULIS)
End Function

Public Sub RK_SetNote(ByVal sheetName As String, ByVal address As String, ByVal text As String)
    Dim cell As Range
    Set cell = ThisWorkbook.Worksheets(sheetName).Range(address)
    If Not cell.Comment Is Nothing Then cell.Comment.Delete
    cell.AddComment text
    cell.Comment.Shape.Width = 240
    cell.Comment.Shape.Height = 90
    ' The note is ours: RK_Tandai clears it next time, and only it.
    cell.Comment.Shape.AlternativeText = RK_PENULIS
End Sub

Public Sub RK_Status(ByVal text As String)
    If Len(text) = 0 Then
        Application.StatusBar = False
    Else
        Application.StatusBar = text
    End If
End Sub

' Add rows below the table (the signature block moves down), copying the last
' body row's formats and validation, then extend RK_DATA and number the rows.
Public Sub RK_SisipkanBaris(ByVal count As Long)
    Dim body As Range, sheet As Worksheet, added As Range, i As Long
    Set body = ThisWorkbook.Names(RK_DATA).RefersToRange
    Set sheet = body.Worksheet
    sheet.Rows(body.Row + body.Rows.Count).Resize(count).Insert Shift:=xlDown
    Set added = body.Rows(body.Rows.Count).Offset(1, 0).Resize(count)
    body.Rows(body.Rows.Count).Copy
    added.PasteSpecial Paste:=xlPasteFormats
    added.PasteSpecial Paste:=xlPasteValidation
    Application.CutCopyMode = False
    added.ClearContents
    added.Resize(, RK_KOLOM_ISIAN).Locked = False
    ThisWorkbook.Names(RK_DATA).RefersTo = "=" & body.Resize(body.Rows.Count + count).Address(External:=True)
    For i = 1 To count
        added.Cells(i, 1).Value = body.Rows.Count + i
    Next i
End Sub

Public Function RK_MintaCatatan() As Boolean
    Dim note As String
    note = InputBox("Tulis apa yang harus diperbaiki Petugas pada baris yang dipilih:", _
                    "Kembalikan Baris")
    If Len(Trim$(note)) = 0 Then
        RK_MintaCatatan = False
    Else
        ThisWorkbook.Names(RK_MASUKAN).RefersToRange.Value = "'" & note
        RK_MintaCatatan = True
    End If
End Function

Public Function RK_PilihFolder() As Boolean
    Dim folder As String
    folder = RK_DialogFolder()
    If Len(folder) = 0 Then
        RK_PilihFolder = False
    Else
        ThisWorkbook.Names(RK_MASUKAN).RefersToRange.Value = "'" & folder
        RK_PilihFolder = True
    End If
End Function

' The folder dialog itself (msoFileDialogFolderPicker; an InputBox on the Mac).
Private Function RK_DialogFolder() As String
    #If Mac Then
        RK_DialogFolder = InputBox("Folder berisi formulir semua subbagian:", "Konsolidasi")
    #Else
        With Application.FileDialog(4)
            .Title = "Pilih folder berisi formulir semua subbagian"
            .AllowMultiSelect = False
            If .Show = -1 Then RK_DialogFolder = .SelectedItems(1)
        End With
    #End If
End Function
