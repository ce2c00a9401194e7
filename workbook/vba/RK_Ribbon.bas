Attribute VB_Name = "RK_Ribbon"
' Ribbon callbacks of Realisasi Kegiatan: one Sub per button, each running one
' fixed Python command in pyaddin.macros. What a person types (a return note,
' a folder) never goes into these strings: RK_Helper puts it in the defined
' name RK_MASUKAN, where Python reads it.
Option Explicit

Public Sub RK_Validasi(control As IRibbonControl)
    RunPython "import pyaddin.macros as m; m.validasi()"
End Sub

Public Sub RK_Ajukan(control As IRibbonControl)
    RunPython "import pyaddin.macros as m; m.ajukan()"
End Sub

Public Sub RK_TambahBaris(control As IRibbonControl)
    RunPython "import pyaddin.macros as m; m.tambah_baris()"
End Sub

Public Sub RK_SetujuiTerpilih(control As IRibbonControl)
    RunPython "import pyaddin.macros as m; m.setujui_terpilih()"
End Sub

Public Sub RK_SetujuiSemua(control As IRibbonControl)
    RunPython "import pyaddin.macros as m; m.setujui_semua()"
End Sub

Public Sub RK_Kembalikan(control As IRibbonControl)
    If RK_MintaCatatan() Then RunPython "import pyaddin.macros as m; m.kembalikan()"
End Sub

Public Sub RK_Konsolidasi(control As IRibbonControl)
    If RK_PilihFolder() Then RunPython "import pyaddin.macros as m; m.konsolidasi()"
End Sub

Public Sub RK_CekKeaslian(control As IRibbonControl)
    RunPython "import pyaddin.macros as m; m.cek_keaslian()"
End Sub

Public Sub RK_Riwayat(control As IRibbonControl)
    RunPython "import pyaddin.macros as m; m.riwayat()"
End Sub

Public Sub RK_Bantuan(control As IRibbonControl)
    RunPython "import pyaddin.macros as m; m.bantuan()"
End Sub
