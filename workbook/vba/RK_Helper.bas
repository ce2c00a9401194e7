Attribute VB_Name = "RK_Helper"
' What xlwings has no portable API for, called from Python with book.macro:
' sheet protection, locking rows, cell notes, the status bar, inserting rows.
' And the two dialogs of the ribbon, which store what the person typed in the
' defined name RK_MASUKAN (as text, never as a formula) for Python to read.
Option Explicit

Private Const RK_SANDI As String = "rk-bengkulu"
Private Const RK_MASUKAN As String = "RK_MASUKAN"
Private Const RK_PENULIS As String = "Realisasi Kegiatan"

Public Sub RK_Protect(ByVal sheetName As String)
    ThisWorkbook.Worksheets(sheetName).Protect Password:=RK_SANDI, DrawingObjects:=True, _
        Contents:=True, Scenarios:=True, AllowFormattingCells:=True, _
        AllowFormattingColumns:=True, AllowFormattingRows:=True
End Sub

Public Sub RK_Unprotect(ByVal sheetName As String)
    ThisWorkbook.Worksheets(sheetName).Unprotect Password:=RK_SANDI
End Sub

' addresses: "B8:I8;B10:I12" (a list kept short by the caller)
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
        If note.Author = RK_PENULIS Then
            If Not Application.Intersect(note.Parent, area) Is Nothing Then note.Delete
        End If
    Next note
End Sub

Public Sub RK_SetNote(ByVal sheetName As String, ByVal address As String, ByVal text As String)
    Dim cell As Range
    Set cell = ThisWorkbook.Worksheets(sheetName).Range(address)
    If Not cell.Comment Is Nothing Then cell.Comment.Delete
    cell.AddComment text
    cell.Comment.Shape.Width = 240
    cell.Comment.Shape.Height = 90
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
    Set body = ThisWorkbook.Names("RK_DATA").RefersToRange
    Set sheet = body.Worksheet
    sheet.Rows(body.Row + body.Rows.Count).Resize(count).Insert Shift:=xlDown
    Set added = body.Rows(body.Rows.Count).Offset(1, 0).Resize(count)
    body.Rows(body.Rows.Count).Copy
    added.PasteSpecial Paste:=xlPasteFormats
    added.PasteSpecial Paste:=xlPasteValidation
    Application.CutCopyMode = False
    added.ClearContents
    added.Resize(, 9).Locked = False
    ThisWorkbook.Names("RK_DATA").RefersTo = "=" & body.Resize(body.Rows.Count + count).Address(External:=True)
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
