Attribute VB_Name = "RK_Server"
' A form served by the office server (DESIGN.md §14): its ribbon (the module
' RK_Ribbon of this form, generated at build time) posts the book to the
' server's script of the button's name with xlwings' RunServerPython
' (Remote.bas), sending only the sheets that script reads. The client applies
' the server's answer: values, message boxes, and calls of the RKS_ Subs
' (module RK_ServerAksi), which take the workbook first as the client passes it.
' The server's address is SERVER_URL on this form's xlwings.conf sheet; the
' person's token is AUTH in their own %USERPROFILE%\.xlwings\xlwings.conf,
' never in the form.
Option Explicit

Public Sub RK_Panggil(ByVal script As String, ByVal sheets As String)
    Dim url As String
    url = GetConfig("SERVER_URL")
    If Len(url) = 0 Then
        MsgBox "Formulir ini belum tahu alamat server kantor (SERVER_URL di lembar " & _
               "xlwings.conf). Minta admin membuat ulang formulir dengan --server.", _
               vbCritical, "Realisasi Kegiatan"
        Exit Sub
    End If
    RK_Status "Realisasi Kegiatan: " & Replace(script, "_", " ") & " …"
    On Error GoTo gagal
    RunServerPython url & "/xlwings/custom-scripts-call/" & script, include:=sheets
    RK_Status ""
    Exit Sub
gagal:
    RK_Status ""
    MsgBox "Server kantor tidak dapat dihubungi di " & url & " (" & Err.Description & _
           "). Periksa jaringan, atau hubungi admin. Formulir tidak diubah.", _
           vbCritical, "Realisasi Kegiatan"
End Sub
