"""scikit-learn's LogisticRegression and xgboost on the churn sample, on the workbench's own split.

Reads the CSV and the row indices of each split (JSON from run.ts), preprocesses
as the workbench's proposed pipeline does (customerID dropped, categories
one-hot, numbers standardised, TotalCharges' blanks imputed with the training
median), and prints the test ROC AUC of each model as JSON.
"""
import json
import sys

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

csv_path, split_path = sys.argv[1], sys.argv[2]
frame = pd.read_csv(csv_path)
frame["TotalCharges"] = pd.to_numeric(frame["TotalCharges"], errors="coerce")
split = json.load(open(split_path))
y = (frame["Churn"] == "Yes").astype(int).to_numpy()
features = frame.drop(columns=["customerID", "Churn"])
numeric = ["tenure", "MonthlyCharges", "TotalCharges"]
categorical = [c for c in features.columns if c not in numeric]
prep = ColumnTransformer([
    ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
    ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
])
train = np.array(split["train"] + split["validation"])
test = np.array(split["test"])
results = {}
logistic = make_pipeline(prep, LogisticRegression(max_iter=2000))
logistic.fit(features.iloc[train], y[train])
results["sklearn LogisticRegression"] = roc_auc_score(y[test], logistic.predict_proba(features.iloc[test])[:, 1])
try:
    from xgboost import XGBClassifier

    boosted = make_pipeline(prep, XGBClassifier(n_estimators=300, max_depth=4, learning_rate=0.05, n_jobs=2, random_state=42))
    boosted.fit(features.iloc[train], y[train])
    results["xgboost (300 trees, depth 4)"] = roc_auc_score(y[test], boosted.predict_proba(features.iloc[test])[:, 1])
except ImportError as error:
    results["xgboost"] = f"not installed: {error}"
print(json.dumps(results))
