// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QAbstractItemModel>

namespace mamori::console {

// After a language change, tells the views of a flat table model that every
// header and every cell may read differently, so that they fetch them again.
inline void announceRetranslation(QAbstractItemModel &model)
{
    const int columns = model.columnCount();
    emit model.headerDataChanged(Qt::Horizontal, 0, columns - 1);
    if (const int rows = model.rowCount(); rows > 0)
        emit model.dataChanged(model.index(0, 0), model.index(rows - 1, columns - 1));
}

} // namespace mamori::console
